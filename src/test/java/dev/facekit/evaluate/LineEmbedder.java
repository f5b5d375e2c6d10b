package dev.facekit.evaluate;

import dev.facekit.embed.ModelInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in model that places each image at a chosen point on a line, keyed by the image's person
 * folder and file name, so that every distance in a test is known exactly. It records every batch
 * it is given.
 */
final class LineEmbedder implements ImageEmbedder {

    private final Map<String, Double> positions;
    private final ModelInfo model;
    final List<List<Path>> batches = new ArrayList<>();

    /**
     * @param positions position by {@code "Person/file.jpg"}
     */
    LineEmbedder(Map<String, Double> positions, double thresholdL2) {
        this.positions = positions;
        this.model = new ModelInfo("line-test", "0123456789abcdef0123", 8, 1, "box", thresholdL2);
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public float[][] embed(List<Path> images) {
        batches.add(List.copyOf(images));
        float[][] vectors = new float[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            String key = image.getParent().getFileName() + "/" + image.getFileName();
            Double position = positions.get(key);
            if (position == null) {
                throw new IllegalArgumentException("no position for " + key);
            }
            vectors[i] = new float[] {position.floatValue()};
        }
        return vectors;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("mirror", false);
    }

    /** All images embedded, over every batch. */
    List<Path> embedded() {
        return batches.stream().flatMap(List::stream).toList();
    }
}
