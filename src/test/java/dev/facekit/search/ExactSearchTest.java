package dev.facekit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSearchTest {

    private static float[] unitRows(int rows, int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * dimension];
        for (int r = 0; r < rows; r++) {
            double squares = 0;
            for (int j = 0; j < dimension; j++) {
                float value = (float) (random.nextDouble() * 2 - 1);
                values[r * dimension + j] = value;
                squares += value * value;
            }
            for (int j = 0; j < dimension; j++) {
                values[r * dimension + j] /= (float) Math.sqrt(squares);
            }
        }
        return values;
    }

    private static double dot(float[] rows, int row, float[] query) {
        double sum = 0;
        for (int j = 0; j < query.length; j++) {
            sum += (double) rows[row * query.length + j] * query[j];
        }
        return sum;
    }

    @Test
    void everyKernelComputesTheSameDotProducts() {
        List<DotKernel> kernels = new ArrayList<>(List.of(new ScalarDotKernel()));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            kernels.add(new VectorDotKernel());
        }
        for (int dimension : new int[] {128, 37, 3}) {
            float[] rows = unitRows(23, dimension, dimension);
            float[] query = unitRows(1, dimension, 99);
            for (DotKernel kernel : kernels) {
                float[] out = new float[20];
                kernel.dots(rows, dimension, query, 3, 23, out);
                for (int r = 3; r < 23; r++) {
                    assertEquals(dot(rows, r, query), out[r - 3], 1e-5, kernel.name());
                }
            }
        }
    }

    /** Brute force in double precision: best row per identity, top k identities. */
    private static List<IdentityMatch> reference(
            float[] rows, int count, int[] identities, int identityCount, float[] query, int k) {
        double[] best = new double[identityCount];
        int[] bestRow = new int[identityCount];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < count; r++) {
            double d = dot(rows, r, query);
            if (d > best[identities[r]]) {
                best[identities[r]] = d;
                bestRow[identities[r]] = r;
            }
        }
        List<IdentityMatch> all = new ArrayList<>();
        for (int id = 0; id < identityCount; id++) {
            all.add(new IdentityMatch(id, bestRow[id], Metric.EUCLIDEAN.distanceFromDot(best[id])));
        }
        all.sort(Comparator.comparingDouble(IdentityMatch::distance));
        return all.subList(0, k);
    }

    @Test
    void findsTheSameIdentitiesAsBruteForceOnOneAndManyThreads() {
        int rows = 70_000; // above the size where the scan splits across threads
        int identityCount = 9_000;
        float[] vectors = unitRows(rows, 128, 5);
        int[] identities = new int[rows];
        SplittableRandom random = new SplittableRandom(6);
        for (int r = 0; r < rows; r++) {
            identities[r] = random.nextInt(identityCount);
        }
        float[] queries = unitRows(3, 128, 8);
        float[][] batch = new float[3][];
        for (int q = 0; q < 3; q++) {
            batch[q] = java.util.Arrays.copyOfRange(queries, q * 128, (q + 1) * 128);
        }

        for (int threads : new int[] {1, 3}) {
            ExactSearch search =
                    new ExactSearch(
                            vectors,
                            rows,
                            128,
                            identities,
                            identityCount,
                            Metric.EUCLIDEAN,
                            threads);
            List<List<IdentityMatch>> found = search.nearest(batch, 10);
            for (int q = 0; q < 3; q++) {
                List<IdentityMatch> expected =
                        reference(vectors, rows, identities, identityCount, batch[q], 10);
                assertEquals(10, found.get(q).size());
                for (int i = 0; i < 10; i++) {
                    assertEquals(expected.get(i).identity(), found.get(q).get(i).identity());
                    assertEquals(expected.get(i).row(), found.get(q).get(i).row());
                    assertEquals(expected.get(i).distance(), found.get(q).get(i).distance(), 1e-5);
                }
            }
        }
    }

    @Test
    void returnsFewerMatchesThanKWhenFewerIdentitiesExist() {
        float[] vectors = unitRows(5, 128, 1);
        ExactSearch search =
                new ExactSearch(vectors, 5, 128, new int[] {0, 0, 1, 1, 0}, 2, Metric.COSINE);

        List<IdentityMatch> matches = search.nearest(java.util.Arrays.copyOf(vectors, 128), 10);

        assertEquals(2, matches.size());
        assertEquals(0, matches.get(0).identity());
        assertEquals(0, matches.get(0).row());
        assertEquals(0.0, matches.get(0).distance(), 1e-6);
        assertTrue(matches.get(1).distance() > 0);
    }

    @Test
    void euclideanAndCosineAgreeOnUnitVectors() {
        double dot = 0.3;
        double euclidean = Metric.EUCLIDEAN.distanceFromDot(dot);
        assertEquals(euclidean * euclidean / 2, Metric.COSINE.distanceFromDot(dot), 1e-12);
        assertEquals(Metric.COSINE, Metric.parse("Cosine"));
        assertEquals(Metric.EUCLIDEAN, Metric.parse("l2"));
    }
}
