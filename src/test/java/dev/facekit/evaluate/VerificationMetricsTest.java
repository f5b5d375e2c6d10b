package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationMetricsTest {

    private static final double EXACT = 1e-12;

    /**
     * Sorted: 0.1 S, 0.3 S, 0.4 D, 0.5 S, 0.7 D, 0.8 D, 0.9 S, 1.0 D. Fold 0 holds 0.1 S, 0.3 S,
     * 0.4 D, 0.7 D; fold 1 holds 0.5 S, 0.9 S, 0.8 D, 1.0 D.
     */
    static VerificationScores eightPairs() {
        return new VerificationScores(
                new double[] {0.1, 0.3, 0.5, 0.9, 0.4, 0.7, 0.8, 1.0},
                new boolean[] {true, true, true, true, false, false, false, false},
                new int[] {0, 0, 1, 1, 0, 0, 1, 1});
    }

    @Test
    void accuracyCountsPairsBelowTheThresholdAsSame() {
        // Accepts 0.1 S, 0.3 S (right) and 0.4 D (wrong); rejects 0.5 S, 0.9 S (wrong) and
        // 0.7 D, 0.8 D, 1.0 D (right): 5 of 8.
        assertEquals(5.0 / 8, VerificationMetrics.accuracy(eightPairs(), 0.45), EXACT);
        // Nothing accepted: the 4 different-person pairs are right.
        assertEquals(0.5, VerificationMetrics.accuracy(eightPairs(), 0.1), EXACT);
        // Everything accepted.
        assertEquals(0.5, VerificationMetrics.accuracy(eightPairs(), 1.01), EXACT);
    }

    @Test
    void bestThresholdTakesTheLowestOfEquallyGoodMidpoints() {
        // Accepting the first 2 or the first 4 sorted pairs both get 6 of 8 right; the lower
        // threshold, halfway between 0.3 and 0.4, wins.
        double threshold = VerificationMetrics.bestThreshold(eightPairs());
        assertEquals(0.35, threshold, EXACT);
        assertEquals(0.75, VerificationMetrics.accuracy(eightPairs(), threshold), EXACT);
    }

    @Test
    void bestThresholdSeparatesPerfectlySeparablePairs() {
        VerificationScores separable =
                VerificationScores.singleFold(
                        new double[] {0.2, 0.6, 0.9, 1.3},
                        new boolean[] {true, true, false, false});
        assertEquals(0.75, VerificationMetrics.bestThreshold(separable), EXACT);
    }

    @Test
    void crossValidationChoosesEachThresholdOnTheOtherFolds() {
        FoldedAccuracy folded = VerificationMetrics.crossValidatedAccuracy(eightPairs());

        // Fold 0 is judged with fold 1's best threshold: 0.5 S, 0.8 D, 0.9 S, 1.0 D is best cut
        // after 0.5 (3 of 4; ties with after 0.9), at 0.65. On fold 0 that accepts 0.1, 0.3, 0.4
        // and rejects 0.7: 3 of 4. Fold 1 is judged with fold 0's threshold, 0.35 (4 of 4 there),
        // which accepts nothing of fold 1: 2 of 4.
        assertEquals(List.of(0.65, 0.35), folded.thresholds().stream().map(t -> round(t)).toList());
        assertEquals(List.of(0.75, 0.5), folded.accuracies());
        assertEquals(0.625, folded.mean(), EXACT);
        assertEquals(Math.sqrt(2 * 0.125 * 0.125), folded.standardDeviation(), EXACT);
        assertEquals(0.125, folded.standardError(), EXACT);
    }

    @Test
    void crossValidationNeedsTwoFolds() {
        VerificationScores oneFold =
                VerificationScores.singleFold(new double[] {0.1, 0.2}, new boolean[] {true, false});
        assertThrows(
                IllegalArgumentException.class,
                () -> VerificationMetrics.crossValidatedAccuracy(oneFold));
    }

    @Test
    void foldSelectionKeepsLabelsAndFolds() {
        VerificationScores fold1 = eightPairs().onlyFold(1);
        assertEquals(4, fold1.size());
        assertEquals(2, fold1.sameCount());
        assertEquals(0.5, fold1.distance(0), EXACT);
        assertEquals(4, eightPairs().withoutFold(1).size());
        assertEquals(2, eightPairs().foldCount());
    }

    private static double round(double value) {
        return Math.round(value * 1e9) / 1e9;
    }
}
