package dev.facekit.evaluate;

import dev.facekit.embed.ModelInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A deliberately weak stand-in model for tests on real images: the grey 12x12 thumbnail of the
 * central 120 px of each image, mean removed, L2-normalised. Better than chance on LFW, far from a
 * face model, and needs neither a network nor native code.
 */
public final class ThumbnailEmbedder implements ImageEmbedder {

    private static final int SIDE = 12;
    private static final int REGION_PX = 120;

    @Override
    public ModelInfo model() {
        return new ModelInfo("thumbnail-test", "feedface", REGION_PX, SIDE * SIDE, "box", 0.9);
    }

    @Override
    public float[][] embed(List<Path> images) throws IOException {
        float[][] vectors = new float[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = ImageIO.read(images.get(i).toFile());
            if (image == null) {
                throw new IOException("cannot decode " + images.get(i));
            }
            vectors[i] = thumbnail(image);
        }
        return vectors;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("mirror", false, "framing", "central 120 px");
    }

    private static float[] thumbnail(BufferedImage image) {
        int left = (image.getWidth() - REGION_PX) / 2;
        int top = (image.getHeight() - REGION_PX) / 2;
        int cell = REGION_PX / SIDE;
        float[] vector = new float[SIDE * SIDE];
        double mean = 0;
        for (int cy = 0; cy < SIDE; cy++) {
            for (int cx = 0; cx < SIDE; cx++) {
                double sum = 0;
                for (int y = 0; y < cell; y++) {
                    for (int x = 0; x < cell; x++) {
                        int rgb =
                                image.getRGB(
                                        Math.max(0, left + cx * cell + x),
                                        Math.max(0, top + cy * cell + y));
                        sum += ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3.0;
                    }
                }
                vector[cy * SIDE + cx] = (float) (sum / (cell * cell));
                mean += vector[cy * SIDE + cx] / vector.length;
            }
        }
        double squares = 0;
        for (int j = 0; j < vector.length; j++) {
            vector[j] -= (float) mean;
            squares += vector[j] * vector[j];
        }
        float scale = (float) (1 / Math.sqrt(Math.max(squares, 1e-12)));
        for (int j = 0; j < vector.length; j++) {
            vector[j] *= scale;
        }
        return vector;
    }
}
