package dev.facekit.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accuracy of a distance threshold on scored pairs, and the choice of that threshold. A pair is
 * judged "same person" when its distance is below the threshold.
 */
public final class VerificationMetrics {

    private VerificationMetrics() {}

    /** The fraction of pairs judged correctly at {@code threshold}. */
    public static double accuracy(VerificationScores scores, double threshold) {
        if (scores.size() == 0) {
            throw new IllegalArgumentException("accuracy of no pairs is undefined");
        }
        int correct = 0;
        for (int i = 0; i < scores.size(); i++) {
            boolean accepted = scores.distance(i) < threshold;
            correct += accepted == scores.isSame(i) ? 1 : 0;
        }
        return (double) correct / scores.size();
    }

    /**
     * The threshold with the highest accuracy on {@code scores}, among the midpoints between
     * neighbouring distinct distances and the two extremes; the lowest such threshold on ties.
     */
    public static double bestThreshold(VerificationScores scores) {
        if (scores.size() == 0) {
            throw new IllegalArgumentException("cannot choose a threshold on no pairs");
        }
        Integer[] order = RocCurve.byDistance(scores);
        double[] distinct = Arrays.stream(order).mapToDouble(scores::distance).distinct().toArray();
        double[] thresholds = RocCurve.cutThresholds(distinct);

        // Accepting nothing gets every different-person pair right.
        int correct = scores.differentCount();
        int bestCorrect = correct;
        double best = thresholds[0];
        int accepted = 0;
        for (int cut = 1; cut < thresholds.length; cut++) {
            while (accepted < order.length && scores.distance(order[accepted]) < thresholds[cut]) {
                correct += scores.isSame(order[accepted]) ? 1 : -1;
                accepted++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = thresholds[cut];
            }
        }
        return best;
    }

    /**
     * The LFW protocol: for each fold, the best threshold on all other folds, applied to that fold.
     * Needs at least two folds.
     */
    public static FoldedAccuracy crossValidatedAccuracy(VerificationScores scores) {
        int folds = scores.foldCount();
        if (folds < 2) {
            throw new IllegalArgumentException(
                    "cross-validation needs at least 2 folds, the pairs have " + folds);
        }
        List<Double> accuracies = new ArrayList<>(folds);
        List<Double> thresholds = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            VerificationScores held = scores.onlyFold(k);
            if (held.size() == 0) {
                throw new IllegalArgumentException("fold " + k + " has no pairs");
            }
            double threshold = bestThreshold(scores.withoutFold(k));
            thresholds.add(threshold);
            accuracies.add(accuracy(held, threshold));
        }
        return new FoldedAccuracy(accuracies, thresholds);
    }
}
