package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The miners on a hand-worked batch: five points on a line, x = 0, 1 (person 0), 0.5, 2 (person 1)
 * and -0.5 (person 2, one image, so a negative only); squared distances are the squared
 * differences.
 */
class TripletMinerTest {

    static final float[] X = {0f, 1f, 0.5f, 2f, -0.5f};
    static final int[] LABELS = {0, 0, 1, 1, 2};
    static final float MARGIN = 0.5f;

    static float[][] squaredDistances() {
        float[][] d = new float[X.length][X.length];
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < X.length; j++) {
                d[i][j] = (X[i] - X[j]) * (X[i] - X[j]);
            }
        }
        return d;
    }

    @Test
    void batchHardTakesFarthestPositiveAndNearestNegativePerAnchor() {
        Triplets t = new BatchHardMiner().mine(squaredDistances(), LABELS, MARGIN);

        // Anchor 0: positive 1 (d 1), negatives 2 and 4 tie at 0.25, the lower index wins.
        // Anchor 4 has no positive and is skipped.
        assertArrayEquals(new int[] {0, 1, 2, 3}, t.anchors());
        assertArrayEquals(new int[] {1, 0, 3, 2}, t.positives());
        assertArrayEquals(new int[] {2, 2, 0, 1}, t.negatives());
        assertFalse(t.averageOverActive());
    }

    @Test
    void semiHardTakesNearestNegativeBeyondThePositiveElseTheFarthest() {
        Triplets t = new SemiHardMiner().mine(squaredDistances(), LABELS, MARGIN);

        // (0,1): d 1, negatives 0.25, 4, 0.25 -> 3.  (1,0): d 1, negatives 0.25, 1, 2.25 -> 4
        // (1 is not beyond 1).  (2,3): d 2.25, none beyond -> farthest, 4 (d 1).
        // (3,2): d 2.25, negatives 4, 1, 6.25 -> 0.
        assertArrayEquals(new int[] {0, 1, 2, 3}, t.anchors());
        assertArrayEquals(new int[] {1, 0, 3, 2}, t.positives());
        assertArrayEquals(new int[] {3, 4, 4, 0}, t.negatives());
        assertFalse(t.averageOverActive());
    }

    @Test
    void batchAllTakesEveryValidTriplet() {
        Triplets t = new BatchAllMiner().mine(squaredDistances(), LABELS, MARGIN);

        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}, t.anchors());
        assertArrayEquals(new int[] {1, 1, 1, 0, 0, 0, 3, 3, 3, 2, 2, 2}, t.positives());
        assertArrayEquals(new int[] {2, 3, 4, 2, 3, 4, 0, 1, 4, 0, 1, 4}, t.negatives());
        assertTrue(t.averageOverActive());
    }

    @Test
    void aBatchOfSingleImagesHasNoTriplets() {
        float[][] d = {{0, 1}, {1, 0}};
        int[] labels = {0, 1};

        assertArrayEquals(new int[0], new BatchHardMiner().mine(d, labels, 0.2f).anchors());
        assertArrayEquals(new int[0], new SemiHardMiner().mine(d, labels, 0.2f).anchors());
        assertArrayEquals(new int[0], new BatchAllMiner().mine(d, labels, 0.2f).anchors());
    }

    @Test
    void minersAreFoundByName() {
        assertTrue(TripletMiner.named("batch-hard") instanceof BatchHardMiner);
        assertTrue(TripletMiner.named("Semi-Hard") instanceof SemiHardMiner);
        assertTrue(TripletMiner.named("batch-all") instanceof BatchAllMiner);
        assertThrows(IllegalArgumentException.class, () -> TripletMiner.named("hardest"));
    }
}
