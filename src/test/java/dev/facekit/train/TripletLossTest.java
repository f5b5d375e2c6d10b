package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.facekit.embed.OfflineEngine;
import org.junit.jupiter.api.Test;

/**
 * The loss on the hand-worked batch of {@link TripletMinerTest} (points 0, 1 | 0.5, 2 | -0.5 on a
 * line, margin 0.5); every expected value below was worked out by hand and is exact in binary.
 */
class TripletLossTest {

    /** What one batch gave, copied out of native memory. */
    private record Outcome(
            float loss, int triplets, int active, double meanSame, double meanDifferent) {}

    private static Outcome compute(TripletMiner miner) {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            TripletLoss.Result r =
                    new TripletLoss(miner, TripletMinerTest.MARGIN)
                            .compute(embeddings(manager), TripletMinerTest.LABELS);
            return new Outcome(
                    r.loss().getFloat(),
                    r.triplets(),
                    r.activeTriplets(),
                    r.meanSameDistance(),
                    r.meanDifferentDistance());
        }
    }

    /** The points as 2-d embeddings (x, 0), so distances go through the matrix product. */
    private static NDArray embeddings(NDManager manager) {
        float[] points = new float[TripletMinerTest.X.length * 2];
        for (int i = 0; i < TripletMinerTest.X.length; i++) {
            points[2 * i] = TripletMinerTest.X[i];
        }
        return manager.create(points, new Shape(TripletMinerTest.X.length, 2));
    }

    @Test
    void batchHardAveragesOverAnchors() {
        Outcome o = compute(new BatchHardMiner());

        // (1 - 0.25 + 0.5) + (1 - 0.25 + 0.5) + (2.25 - 0.25 + 0.5) + (2.25 - 1 + 0.5) = 6.75
        assertEquals(6.75f / 4, o.loss());
        assertEquals(4, o.triplets());
        assertEquals(4, o.active());
    }

    @Test
    void semiHardAveragesOverAllPairsIncludingInactiveOnes() {
        Outcome o = compute(new SemiHardMiner());

        // Only (2, 3, 4) is active: 2.25 - 1 + 0.5 = 1.75; four pairs.
        assertEquals(1.75f / 4, o.loss());
        assertEquals(4, o.triplets());
        assertEquals(1, o.active());
    }

    @Test
    void batchAllAveragesOverActiveTripletsOnly() {
        Outcome o = compute(new BatchAllMiner());

        // Active: anchor 0: 1.25, 1.25; anchor 1: 1.25, 0.5; anchor 2: 2.5, 2.5, 1.75;
        // anchor 3: 1.75.  Sum 12.75 over 8 of 12.
        assertEquals(12.75f / 8, o.loss());
        assertEquals(12, o.triplets());
        assertEquals(8, o.active());
    }

    @Test
    void reportsMeanSameAndDifferentPersonDistances() {
        Outcome o = compute(new BatchHardMiner());

        // Same: |0-1| = 1, |0.5-2| = 1.5.  Different: 0.5 + 2 + 0.5 + 0.5 + 1 + 1.5 + 1 + 2.5.
        assertEquals(1.25, o.meanSame());
        assertEquals(9.5 / 8, o.meanDifferent());
    }

    @Test
    void gradientOfBatchHardMatchesTheHandDerivation() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager();
                GradientCollector collector = OfflineEngine.pytorch().newGradientCollector()) {
            NDArray e = embeddings(manager);
            e.setRequiresGradient(true);
            NDArray loss =
                    new TripletLoss(new BatchHardMiner(), TripletMinerTest.MARGIN)
                            .compute(e, TripletMinerTest.LABELS)
                            .loss();
            collector.backward(loss);
            float[] grad = e.getGradient().toFloatArray();

            // d/da = 2(n - p), d/dp = 2(p - a), d/dn = 2(a - n) per triplet, then / 4.
            // (0,1,2): -1, 2, -1.  (1,0,2): 1, -2, 1.  (2,3,0): -4, 3, 1.  (3,2,1): 1, -3, 2.
            assertArrayEquals(new float[] {-0.5f, 1.25f, -1.75f, 1f, 0f}, components(grad, 0));
            assertArrayEquals(new float[] {0, 0, 0, 0, 0}, components(grad, 1));
        }
    }

    private static float[] components(float[] grad, int axis) {
        float[] values = new float[grad.length / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = grad[2 * i + axis];
        }
        return values;
    }

    @Test
    void refusesANonPositiveMargin() {
        assertThrows(
                IllegalArgumentException.class, () -> new TripletLoss(new BatchHardMiner(), 0));
    }
}
