package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    private static final double EXACT = 1e-12;

    @Test
    void pointsStepThroughEveryDistinctDistance() {
        RocCurve roc = RocCurve.of(VerificationMetricsTest.eightPairs());

        // Sorted: 0.1 S, 0.3 S, 0.4 D, 0.5 S, 0.7 D, 0.8 D, 0.9 S, 1.0 D; 4 of each kind.
        List<double[]> expected =
                List.of(
                        new double[] {0.1, 0, 0},
                        new double[] {0.2, 0, 0.25},
                        new double[] {0.35, 0, 0.5},
                        new double[] {0.45, 0.25, 0.5},
                        new double[] {0.6, 0.25, 0.75},
                        new double[] {0.75, 0.5, 0.75},
                        new double[] {0.85, 0.75, 0.75},
                        new double[] {0.95, 0.75, 1},
                        new double[] {Math.nextUp(1.0), 1, 1});
        assertEquals(expected.size(), roc.points().size());
        for (int i = 0; i < expected.size(); i++) {
            RocPoint point = roc.points().get(i);
            assertEquals(expected.get(i)[0], point.threshold(), EXACT, "threshold " + i);
            assertEquals(expected.get(i)[1], point.falseAcceptRate(), EXACT, "FAR " + i);
            assertEquals(expected.get(i)[2], point.trueAcceptRate(), EXACT, "TAR " + i);
        }
    }

    @Test
    void areaIsTheChanceThatASamePairIsCloser() {
        // Same-person pairs closer than different-person pairs: 0.1 and 0.3 beat all 4, 0.5 beats
        // 3, 0.9 beats 1: 12 of 16.
        assertEquals(
                0.75, RocCurve.of(VerificationMetricsTest.eightPairs()).areaUnderCurve(), EXACT);
    }

    @Test
    void equalErrorRateAtAnOperatingPoint() {
        // At threshold 0.6: FAR 1/4, FRR 1/4.
        assertEquals(
                0.25, RocCurve.of(VerificationMetricsTest.eightPairs()).equalErrorRate(), EXACT);
    }

    @Test
    void tiesMakeADiagonalStepThatAreaAndEqualErrorRateInterpolate() {
        // 0.2 S, then 0.5 S and 0.5 D together, then 0.9 D: points (0,0), (0,1/2), (1/2,1),
        // (1,1). FAR + TAR - 1 goes from -1/2 to +1/2 across the diagonal, so FAR = FRR = 1/4
        // halfway along it. Area: 0.2 beats both, 0.5 ties one (1/2) and beats one: 3.5 of 4.
        RocCurve roc =
                RocCurve.of(
                        VerificationScores.singleFold(
                                new double[] {0.2, 0.5, 0.5, 0.9},
                                new boolean[] {true, true, false, false}));
        assertEquals(4, roc.points().size());
        assertEquals(0.875, roc.areaUnderCurve(), EXACT);
        assertEquals(0.25, roc.equalErrorRate(), EXACT);
    }

    @Test
    void trueAcceptRateAtFalseAcceptRateTakesTheBestPointNotAbove() {
        RocCurve roc = RocCurve.of(VerificationMetricsTest.eightPairs());

        // No false accepts allowed: the best is accepting 0.1 and 0.3.
        RocPoint strict = roc.atFalseAcceptRate(1e-3);
        assertEquals(0.5, strict.trueAcceptRate(), EXACT);
        assertEquals(0, strict.falseAcceptRate(), EXACT);
        assertEquals(0.35, strict.threshold(), EXACT);

        // One false accept in four allowed.
        RocPoint loose = roc.atFalseAcceptRate(0.25);
        assertEquals(0.75, loose.trueAcceptRate(), EXACT);
        assertEquals(0.6, loose.threshold(), EXACT);

        assertEquals(1, roc.atFalseAcceptRate(1).trueAcceptRate(), EXACT);
    }

    @Test
    void perfectSeparationHasAreaOneAndNoErrors() {
        RocCurve roc =
                RocCurve.of(
                        VerificationScores.singleFold(
                                new double[] {0.1, 0.2, 0.8, 0.9},
                                new boolean[] {true, true, false, false}));
        assertEquals(1, roc.areaUnderCurve(), EXACT);
        assertEquals(0, roc.equalErrorRate(), EXACT);
        assertEquals(1, roc.atFalseAcceptRate(1e-3).trueAcceptRate(), EXACT);
    }

    @Test
    void needsBothKindsOfPair() {
        VerificationScores onlySame =
                VerificationScores.singleFold(new double[] {0.1, 0.2}, new boolean[] {true, true});
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(onlySame));
    }

    @Test
    void neighbouringDoublesAreStillSeparated() {
        double low = 0.5;
        double high = Math.nextUp(low);
        VerificationScores scores =
                VerificationScores.singleFold(
                        new double[] {low, high}, new boolean[] {true, false});
        double threshold = VerificationMetrics.bestThreshold(scores);
        assertEquals(1, VerificationMetrics.accuracy(scores, threshold), EXACT);
    }
}
