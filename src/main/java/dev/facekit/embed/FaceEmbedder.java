package dev.facekit.embed;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Maps face chips to L2-normalised embeddings: chips of one person land close together, chips of
 * different people far apart. Not thread-safe unless an implementation says so.
 */
public interface FaceEmbedder extends AutoCloseable {

    /** The model's description: name, fingerprint, input size, framing and threshold. */
    ModelInfo info();

    /**
     * Embeds a batch of face chips.
     *
     * @param chips 8-bit BGR face chips, cut as {@link ModelInfo#framing()} says; any size, they
     *     are resized to {@link ModelInfo#inputSizePx()}
     * @return one L2-normalised vector of {@link ModelInfo#embeddingSize()} floats per chip, in the
     *     order given
     */
    float[][] embed(List<Mat> chips);

    /** Releases the model's native memory. */
    @Override
    void close();
}
