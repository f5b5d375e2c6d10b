package dev.facekit.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact nearest-identity search: compares a query with every stored embedding and returns the K
 * closest identities, each represented by its closest row, so that one person with many photos
 * cannot fill all K places.
 *
 * <p>Embeddings are one contiguous row-major {@code float[]}, and all of them must be
 * L2-normalised, as must the queries: the scan computes dot products and {@link Metric} turns the
 * best one per identity into a distance. At 128 floats per row a scan reads 512 bytes per stored
 * face, so large galleries are bound by memory bandwidth, not arithmetic. The scan therefore runs
 * in blocks of rows small enough to stay in the processor's cache while every query of a batch
 * visits them, and splits large galleries across threads.
 *
 * <p>Instances are immutable views of arrays they do not copy; they are safe to use from several
 * threads as long as nobody changes the arrays.
 */
public final class ExactSearch {

    /** 1,024 rows of 128 floats are 512 KiB: a block stays in a core's L2 cache for a batch. */
    private static final int BLOCK_ROWS = 1024;

    /** Below this many rows, starting threads costs more than a single thread's scan. */
    private static final int PARALLEL_MIN_ROWS = 32_768;

    /**
     * Scratch memory allowed for per-identity bests, which bounds how many queries share a scan.
     */
    private static final long SCRATCH_BYTES = 256L << 20;

    private final float[] vectors;
    private final int rows;
    private final int dimension;
    private final int[] identities;
    private final int identityCount;
    private final Metric metric;
    private final int threads;
    private final DotKernel kernel = DotKernel.fastest();

    /**
     * Creates a search over the first {@code rows} rows of {@code vectors}, on all processors.
     *
     * @param vectors row-major L2-normalised embeddings; may be longer than {@code rows} rows
     * @param rows how many rows to search
     * @param dimension floats per row
     * @param identities the identity of each row, in {@code [0, identityCount)}
     * @param identityCount one more than the largest identity
     * @param metric the distance reported
     */
    public ExactSearch(
            float[] vectors,
            int rows,
            int dimension,
            int[] identities,
            int identityCount,
            Metric metric) {
        this(
                vectors,
                rows,
                dimension,
                identities,
                identityCount,
                metric,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #ExactSearch(float[], int, int, int[], int, Metric)}, on at most {@code threads}
     * threads.
     */
    public ExactSearch(
            float[] vectors,
            int rows,
            int dimension,
            int[] identities,
            int identityCount,
            Metric metric,
            int threads) {
        if (dimension <= 0 || rows < 0 || (long) rows * dimension > vectors.length) {
            throw new IllegalArgumentException(
                    rows + " rows of " + dimension + " floats do not fit in " + vectors.length);
        }
        if (identities.length < rows || threads < 1) {
            throw new IllegalArgumentException("need an identity per row and at least one thread");
        }
        this.vectors = vectors;
        this.rows = rows;
        this.dimension = dimension;
        this.identities = identities;
        this.identityCount = identityCount;
        this.metric = metric;
        this.threads = threads;
    }

    /** The number of rows searched. */
    public int rows() {
        return rows;
    }

    /** Which inner loop runs: {@code scalar} or {@code vector-api-...}. */
    public String kernelName() {
        return kernel.name();
    }

    /**
     * Finds the identities closest to one query.
     *
     * @param query an L2-normalised vector of the search's dimension
     * @param k how many identities to return at most
     * @return up to k matches, closest first
     */
    public List<IdentityMatch> nearest(float[] query, int k) {
        return nearest(new float[][] {query}, k).get(0);
    }

    /**
     * Finds the identities closest to each of several queries, reading the stored embeddings once
     * per group of queries rather than once per query.
     *
     * @param queries L2-normalised vectors of the search's dimension
     * @param k how many identities to return at most per query
     * @return for each query, up to k matches, closest first
     */
    public List<List<IdentityMatch>> nearest(float[][] queries, int k) {
        for (float[] query : queries) {
            if (query.length != dimension) {
                throw new IllegalArgumentException(
                        "a query has "
                                + query.length
                                + " values but the stored embeddings have "
                                + dimension);
            }
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        int parts = rows >= PARALLEL_MIN_ROWS ? Math.min(threads, rows / BLOCK_ROWS) : 1;
        long bytesPerQuery = (long) identityCount * (Float.BYTES + Integer.BYTES) * parts;
        int group = (int) Math.max(1, Math.min(64, SCRATCH_BYTES / Math.max(1, bytesPerQuery)));

        List<List<IdentityMatch>> results = new ArrayList<>(queries.length);
        for (int start = 0; start < queries.length; start += group) {
            float[][] batch =
                    Arrays.copyOfRange(queries, start, Math.min(queries.length, start + group));
            Best[] best = scanInParts(batch, parts);
            for (Best one : best) {
                results.add(top(one, k));
            }
        }
        return results;
    }

    private Best[] scanInParts(float[][] queries, int parts) {
        if (parts <= 1) {
            return scan(queries, 0, rows);
        }
        int perPart = (rows + parts - 1) / parts;
        List<Best[]> partial =
                IntStream.range(0, parts)
                        .parallel()
                        .mapToObj(
                                p -> scan(queries, p * perPart, Math.min(rows, (p + 1) * perPart)))
                        .toList();
        Best[] merged = partial.get(0);
        for (int p = 1; p < parts; p++) {
            for (int q = 0; q < queries.length; q++) {
                merged[q].merge(partial.get(p)[q]);
            }
        }
        return merged;
    }

    /** Scans rows [from, to) block by block, each block visited by every query in turn. */
    private Best[] scan(float[][] queries, int fromRow, int toRow) {
        Best[] best = new Best[queries.length];
        for (int q = 0; q < queries.length; q++) {
            best[q] = new Best(identityCount);
        }
        float[] dots = new float[BLOCK_ROWS];
        for (int block = fromRow; block < toRow; block += BLOCK_ROWS) {
            int end = Math.min(toRow, block + BLOCK_ROWS);
            for (int q = 0; q < queries.length; q++) {
                kernel.dots(vectors, dimension, queries[q], block, end, dots);
                best[q].offer(dots, block, end, identities);
            }
        }
        return best;
    }

    /**
     * The k identities with the highest dot products, highest first, ties to the lower identity: an
     * insertion into a short sorted array, cheap because k is small and, after the first few
     * identities, most fall below the k-th and are passed over with one comparison.
     */
    private List<IdentityMatch> top(Best best, int k) {
        int capacity = Math.min(k, identityCount);
        float[] dots = new float[capacity];
        int[] ids = new int[capacity];
        int size = 0;
        for (int id = 0; id < identityCount; id++) {
            float dot = best.dot[id];
            if (best.row[id] < 0 || (size == capacity && !(dot > dots[capacity - 1]))) {
                continue;
            }
            int at = size < capacity ? size++ : capacity - 1;
            while (at > 0 && dots[at - 1] < dot) {
                dots[at] = dots[at - 1];
                ids[at] = ids[at - 1];
                at--;
            }
            dots[at] = dot;
            ids[at] = id;
        }
        List<IdentityMatch> matches = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            matches.add(
                    new IdentityMatch(ids[i], best.row[ids[i]], metric.distanceFromDot(dots[i])));
        }
        return matches;
    }

    /** The highest dot product seen so far for each identity, and the row it came from. */
    private static final class Best {
        final float[] dot;
        final int[] row;

        Best(int identityCount) {
            dot = new float[identityCount];
            row = new int[identityCount];
            Arrays.fill(dot, Float.NEGATIVE_INFINITY);
            Arrays.fill(row, -1);
        }

        void offer(float[] dots, int fromRow, int toRow, int[] identities) {
            for (int r = fromRow; r < toRow; r++) {
                float value = dots[r - fromRow];
                int id = identities[r];
                if (value > dot[id]) {
                    dot[id] = value;
                    row[id] = r;
                }
            }
        }

        void merge(Best other) {
            for (int id = 0; id < dot.length; id++) {
                if (other.dot[id] > dot[id]) {
                    dot[id] = other.dot[id];
                    row[id] = other.row[id];
                }
            }
        }
    }
}
