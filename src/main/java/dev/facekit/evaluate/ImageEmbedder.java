package dev.facekit.evaluate;

import dev.facekit.embed.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns image files into face embeddings, the one thing evaluation needs from a model: however the
 * face is found and cut, each image yields one L2-normalised vector.
 */
public interface ImageEmbedder extends AutoCloseable {

    /** The model behind the embeddings, recorded in every report. */
    ModelInfo model();

    /**
     * Embeds a batch of images.
     *
     * @return one L2-normalised vector per image, in the order given; null for an image in which no
     *     usable face was found
     * @throws IOException when an image cannot be read
     */
    float[][] embed(List<Path> images) throws IOException;

    /** Settings of the embedding that a report should record, such as mirroring or framing. */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /** Releases the model and detector; nothing by default. */
    @Override
    default void close() {}
}
