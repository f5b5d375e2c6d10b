package dev.facekit.search;

/**
 * Dot products in plain Java. Eight independent accumulators per row let the processor overlap the
 * additions, which a single running sum would chain one after another; HotSpot does not vectorise a
 * floating-point reduction by itself because reordering additions changes the result.
 */
final class ScalarDotKernel implements DotKernel {

    @Override
    public void dots(
            float[] vectors, int dimension, float[] query, int fromRow, int toRow, float[] out) {
        int unrolled = dimension & ~7;
        for (int row = fromRow; row < toRow; row++) {
            int base = row * dimension;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int j = 0; j < unrolled; j += 8) {
                s0 += vectors[base + j] * query[j];
                s1 += vectors[base + j + 1] * query[j + 1];
                s2 += vectors[base + j + 2] * query[j + 2];
                s3 += vectors[base + j + 3] * query[j + 3];
                s4 += vectors[base + j + 4] * query[j + 4];
                s5 += vectors[base + j + 5] * query[j + 5];
                s6 += vectors[base + j + 6] * query[j + 6];
                s7 += vectors[base + j + 7] * query[j + 7];
            }
            for (int j = unrolled; j < dimension; j++) {
                s0 += vectors[base + j] * query[j];
            }
            out[row - fromRow] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
