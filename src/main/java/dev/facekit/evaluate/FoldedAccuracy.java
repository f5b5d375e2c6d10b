package dev.facekit.evaluate;

import java.util.List;

/**
 * Accuracy measured fold by fold, each fold judged with a threshold chosen on the other folds (the
 * LFW protocol), so no fold's threshold has seen its own pairs.
 *
 * @param accuracies the accuracy on each fold, in fold order
 * @param thresholds the threshold used on each fold, chosen on the other folds
 */
public record FoldedAccuracy(List<Double> accuracies, List<Double> thresholds) {

    public FoldedAccuracy {
        accuracies = List.copyOf(accuracies);
        thresholds = List.copyOf(thresholds);
        if (accuracies.size() != thresholds.size() || accuracies.isEmpty()) {
            throw new IllegalArgumentException(
                    "need one accuracy and one threshold per fold, got "
                            + accuracies.size()
                            + " and "
                            + thresholds.size());
        }
    }

    /** The mean accuracy over the folds. */
    public double mean() {
        return accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /**
     * The sample standard deviation of the fold accuracies, {@code sqrt(sum (a_k - mean)^2 / (k -
     * 1))}; 0 for a single fold.
     */
    public double standardDeviation() {
        int k = accuracies.size();
        if (k < 2) {
            return 0;
        }
        double mean = mean();
        double sum = 0;
        for (double accuracy : accuracies) {
            sum += (accuracy - mean) * (accuracy - mean);
        }
        return Math.sqrt(sum / (k - 1));
    }

    /** The standard error of the mean, {@code standardDeviation / sqrt(k)}. */
    public double standardError() {
        return standardDeviation() / Math.sqrt(accuracies.size());
    }
}
