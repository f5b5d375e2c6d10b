package dev.facekit.search;

/**
 * Computes dot products of one query with a run of rows of a row-major matrix: the inner loop of
 * {@link ExactSearch}, where almost all of its time goes.
 */
interface DotKernel {

    /**
     * Writes {@code query . row} for every row in {@code [fromRow, toRow)} to {@code out[0 ...]}.
     *
     * @param vectors the row-major matrix, {@code dimension} floats per row
     * @param query {@code dimension} floats
     */
    void dots(float[] vectors, int dimension, float[] query, int fromRow, int toRow, float[] out);

    /** A short name for logs and benchmarks. */
    String name();

    /**
     * The fastest kernel this JVM can run: the Vector API one when the incubator module {@code
     * jdk.incubator.vector} was added at start ({@code --add-modules jdk.incubator.vector}), the
     * plain Java one otherwise, or when the system property {@code facekit.search.kernel} is {@code
     * scalar} (for benchmarks).
     */
    static DotKernel fastest() {
        boolean scalarAsked = "scalar".equals(System.getProperty("facekit.search.kernel"));
        if (!scalarAsked && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return new VectorDotKernel();
        }
        return new ScalarDotKernel();
    }
}
