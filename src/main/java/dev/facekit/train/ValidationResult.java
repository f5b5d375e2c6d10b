package dev.facekit.train;

/**
 * How well one epoch's embeddings separate the validation pairs.
 *
 * @param accuracy pair accuracy: 10-fold cross-validated (each fold judged at the threshold best on
 *     the other nine) when there are at least 10 pairs per class, else at the best threshold
 * @param auc area under the ROC curve of the pair distances
 * @param thresholdL2 the Euclidean distance threshold with the best accuracy on all pairs: the
 *     model's calibrated "same person" threshold
 * @param meanSameDistance mean Euclidean distance of same-person pairs
 * @param meanDifferentDistance mean Euclidean distance of different-person pairs
 * @param spread root-mean-square distance of the validation embeddings from their centroid; near 0
 *     means the embeddings have collapsed
 */
public record ValidationResult(
        double accuracy,
        double auc,
        double thresholdL2,
        double meanSameDistance,
        double meanDifferentDistance,
        double spread) {

    /** Below this spread the embeddings are treated as collapsed to one point. */
    public static final double COLLAPSE_SPREAD = 0.05;

    /** Whether the embeddings have collapsed. */
    public boolean collapsed() {
        return spread < COLLAPSE_SPREAD;
    }
}
