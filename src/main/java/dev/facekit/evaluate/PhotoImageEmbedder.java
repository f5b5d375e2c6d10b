package dev.facekit.evaluate;

import dev.facekit.embed.EmbeddedFace;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluation's view of the photo pipeline: each image file becomes the embedding of its main face
 * (detected, cut as the model's framing says, embedded), or null when none was found.
 */
public final class PhotoImageEmbedder implements ImageEmbedder {

    private final PhotoEmbedder photos;
    private final Map<String, Object> settings;

    /**
     * @param photos the pipeline; closed with this object
     * @param settings how the pipeline was set up (detector, framing, mirroring), for reports
     */
    public PhotoImageEmbedder(PhotoEmbedder photos, Map<String, Object> settings) {
        this.photos = photos;
        this.settings = Map.copyOf(settings);
    }

    @Override
    public ModelInfo model() {
        return photos.model();
    }

    @Override
    public float[][] embed(List<Path> images) {
        List<Optional<EmbeddedFace>> faces = photos.embedMain(images, image -> {});
        float[][] vectors = new float[images.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = faces.get(i).map(EmbeddedFace::embedding).orElse(null);
        }
        return vectors;
    }

    @Override
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public void close() {
        photos.close();
    }
}
