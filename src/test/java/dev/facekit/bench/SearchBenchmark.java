package dev.facekit.bench;

import dev.facekit.search.ExactSearch;
import dev.facekit.search.Metric;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures exact nearest-identity search over synthetic L2-normalised 128-d embeddings (four rows
 * per identity) and compares it with memory bandwidth, measured as a plain sum over the same array.
 *
 * <p>Run from the project root (about two minutes on two cores):
 *
 * <pre>
 * mvn -B -q test-compile -Dspotless.check.skip=true
 * java -Xmx6g --add-modules jdk.incubator.vector \
 *     -cp target/classes:target/test-classes dev.facekit.bench.SearchBenchmark [SIZES] [QUERIES]
 * </pre>
 *
 * SIZES is a comma-separated list of row counts (default {@code 10000,100000,1000000}) and QUERIES
 * the number of timed single queries per size (default 200). The module is needed by the bandwidth
 * reference; to measure the search's plain Java loop instead of its Vector API one, add {@code
 * -Dfacekit.search.kernel=scalar}.
 *
 * <p>Columns: latency of one query (fastest, median, 99th percentile), queries per second one at a
 * time and in batches of 64 (which read the embeddings once per batch), and the scan's speed in
 * GB/s of embeddings read by the fastest query, against the fastest plain sum over the same array
 * on as many threads (the memory bandwidth one can hope for).
 */
public final class SearchBenchmark {

    private static final int DIMENSION = 128;
    private static final int ROWS_PER_IDENTITY = 4;
    private static final int BATCH = 64;
    private static final int TOP_K = 5;

    private SearchBenchmark() {}

    public static void main(String[] args) {
        int[] sizes =
                Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int processors = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "java %s, %d processors, %d-d float32, %d rows per identity, top-%d%n",
                System.getProperty("java.version"),
                processors,
                DIMENSION,
                ROWS_PER_IDENTITY,
                TOP_K);
        System.out.println(
                "rows,threads,kernel,latency_ms_min,latency_ms_median,latency_ms_p99,qps_single,"
                        + "qps_batch64,scan_gb_per_s,sum_gb_per_s,fraction_of_sum");
        for (int rows : sizes) {
            float[] vectors = unitVectors(rows, 42);
            int[] identities = IntStream.range(0, rows).map(r -> r / ROWS_PER_IDENTITY).toArray();
            int identityCount = (rows + ROWS_PER_IDENTITY - 1) / ROWS_PER_IDENTITY;
            float[][] queries = new float[queryCount][];
            float[] queryPool = unitVectors(queryCount, 7);
            for (int q = 0; q < queryCount; q++) {
                queries[q] = Arrays.copyOfRange(queryPool, q * DIMENSION, (q + 1) * DIMENSION);
            }
            for (int threads : new int[] {1, processors}) {
                if (threads > 1 && rows < 32_768) {
                    continue; // The search uses one thread below that size anyway.
                }
                ExactSearch search =
                        new ExactSearch(
                                vectors,
                                rows,
                                DIMENSION,
                                identities,
                                identityCount,
                                Metric.EUCLIDEAN,
                                threads);
                measure(search, vectors, queries, threads);
            }
        }
    }

    private static void measure(
            ExactSearch search, float[] vectors, float[][] queries, int threads) {
        int rows = search.rows();
        int warmup = Math.max(3, Math.min(50, 2_000_000 / rows));
        for (int i = 0; i < warmup; i++) {
            search.nearest(queries[i % queries.length], TOP_K);
        }
        int timed = Math.max(5, Math.min(queries.length, (int) (20_000_000_000L / rows / 1000)));
        double[] millis = new double[timed];
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            search.nearest(queries[i], TOP_K);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double mean = Arrays.stream(millis).average().orElseThrow();

        float[][] batch = Arrays.copyOf(queries, Math.min(BATCH, queries.length));
        search.nearest(batch, TOP_K);
        long batchStart = System.nanoTime();
        int batchRounds = Math.max(1, Math.min(10, 50_000_000 / rows));
        for (int i = 0; i < batchRounds; i++) {
            search.nearest(batch, TOP_K);
        }
        double batchSeconds = (System.nanoTime() - batchStart) / 1e9;

        double bytes = (double) rows * DIMENSION * Float.BYTES;
        // Against the best plain sum, the fastest query: both as close to an idle machine as
        // this run got.
        double scanGbPerS = bytes / (millis[0] / 1e3) / 1e9;
        double sumGbPerS = bytes / (sumSeconds(vectors, rows * DIMENSION, threads)) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%d,%d,%s,%.3f,%.3f,%.3f,%.1f,%.1f,%.2f,%.2f,%.2f%n",
                rows,
                threads,
                search.kernelName(),
                millis[0],
                millis[timed / 2],
                millis[Math.min(timed - 1, (int) Math.ceil(timed * 0.99) - 1)],
                1e3 / mean,
                batch.length * batchRounds / batchSeconds,
                scanGbPerS,
                sumGbPerS,
                scanGbPerS / sumGbPerS);
    }

    /** The best of several timed plain sums over the first {@code length} floats. */
    private static double sumSeconds(float[] values, int length, int threads) {
        double best = Double.MAX_VALUE;
        double sink = 0;
        // Enough rounds for the JIT to compile the vector loop, which is very slow interpreted.
        int rounds = Math.max(10, Math.min(2_000, 200_000_000 / Math.max(1, length)));
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            int perPart = (length + threads - 1) / threads;
            sink +=
                    IntStream.range(0, threads)
                            .parallel()
                            .mapToDouble(
                                    p ->
                                            sum(
                                                    values,
                                                    p * perPart,
                                                    Math.min(length, (p + 1) * perPart)))
                            .sum();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        if (sink == 42.0) {
            System.out.println(); // Keeps the sums from being optimised away.
        }
        return best;
    }

    /**
     * Sums a range with the widest vector lanes the processor has, four accumulators deep: as
     * little arithmetic per byte as a pass over the memory can do, so it runs at memory speed.
     */
    private static double sum(float[] values, int from, int to) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        int step = species.length() * 4;
        FloatVector a0 = FloatVector.zero(species);
        FloatVector a1 = FloatVector.zero(species);
        FloatVector a2 = FloatVector.zero(species);
        FloatVector a3 = FloatVector.zero(species);
        int i = from;
        for (; i + step <= to; i += step) {
            a0 = a0.add(FloatVector.fromArray(species, values, i));
            a1 = a1.add(FloatVector.fromArray(species, values, i + species.length()));
            a2 = a2.add(FloatVector.fromArray(species, values, i + 2 * species.length()));
            a3 = a3.add(FloatVector.fromArray(species, values, i + 3 * species.length()));
        }
        double total = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            total += values[i];
        }
        return total;
    }

    /** {@code count} random unit vectors, row-major, from a fixed seed. */
    static float[] unitVectors(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vectors = new float[count * DIMENSION];
        for (int r = 0; r < count; r++) {
            double norm = 0;
            for (int j = 0; j < DIMENSION; j++) {
                float value = (float) (random.nextDouble() * 2 - 1);
                vectors[r * DIMENSION + j] = value;
                norm += value * value;
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < DIMENSION; j++) {
                vectors[r * DIMENSION + j] *= scale;
            }
        }
        return vectors;
    }
}
