package dev.facekit.embed;

/**
 * What a caller must know about an embedding model to use it and to keep its outputs apart from
 * other models' outputs.
 *
 * @param name a human-readable name, such as {@code dlib-resnet-v1} or a training run's name
 * @param fingerprint a stable hash of the weights (hex); databases and reports record it so that
 *     embeddings of different models are never compared by accident
 * @param inputSizePx the square chip size the network takes, in pixels
 * @param embeddingSize the length of each embedding (128 for every model facekit ships)
 * @param framing how the face chip must be cut from a photo: {@code box} for a detector box resized
 *     to the input, or the name of a landmark alignment template
 * @param thresholdL2 the calibrated "same person" threshold on the Euclidean distance between
 *     L2-normalised embeddings; pairs closer than this are judged the same person
 */
public record ModelInfo(
        String name,
        String fingerprint,
        int inputSizePx,
        int embeddingSize,
        String framing,
        double thresholdL2) {

    /** This description with another framing, for measuring how the chip's framing matters. */
    public ModelInfo withFraming(String otherFraming) {
        return new ModelInfo(
                name, fingerprint, inputSizePx, embeddingSize, otherFraming, thresholdL2);
    }
}
