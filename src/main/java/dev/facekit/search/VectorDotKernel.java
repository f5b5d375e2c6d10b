package dev.facekit.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the JDK's incubating Vector API, in the widest lanes the processor has (16
 * floats with AVX-512, 8 with AVX2). Four rows are done together so each slice of the query is
 * loaded once for four fused multiply-adds. Only loaded when {@code jdk.incubator.vector} is in the
 * boot layer; see {@link DotKernel#fastest()}.
 */
final class VectorDotKernel implements DotKernel {

    private static final VectorSpecies<Float> SPECIES =
            FloatVector.SPECIES_PREFERRED.length() > 8
                    ? FloatVector.SPECIES_256
                    : FloatVector.SPECIES_PREFERRED;

    @Override
    public void dots(
            float[] vectors, int dimension, float[] query, int fromRow, int toRow, float[] out) {
        int lanes = SPECIES.length();
        int upper = dimension - dimension % lanes;
        int row = fromRow;
        for (; row + 4 <= toRow; row += 4) {
            int b0 = row * dimension;
            int b1 = b0 + dimension;
            int b2 = b1 + dimension;
            int b3 = b2 + dimension;
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            for (int j = 0; j < upper; j += lanes) {
                FloatVector q = FloatVector.fromArray(SPECIES, query, j);
                a0 = FloatVector.fromArray(SPECIES, vectors, b0 + j).fma(q, a0);
                a1 = FloatVector.fromArray(SPECIES, vectors, b1 + j).fma(q, a1);
                a2 = FloatVector.fromArray(SPECIES, vectors, b2 + j).fma(q, a2);
                a3 = FloatVector.fromArray(SPECIES, vectors, b3 + j).fma(q, a3);
            }
            float d0 = a0.reduceLanes(VectorOperators.ADD);
            float d1 = a1.reduceLanes(VectorOperators.ADD);
            float d2 = a2.reduceLanes(VectorOperators.ADD);
            float d3 = a3.reduceLanes(VectorOperators.ADD);
            for (int j = upper; j < dimension; j++) {
                d0 += vectors[b0 + j] * query[j];
                d1 += vectors[b1 + j] * query[j];
                d2 += vectors[b2 + j] * query[j];
                d3 += vectors[b3 + j] * query[j];
            }
            int at = row - fromRow;
            out[at] = d0;
            out[at + 1] = d1;
            out[at + 2] = d2;
            out[at + 3] = d3;
        }
        for (; row < toRow; row++) {
            int base = row * dimension;
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int j = 0; j < upper; j += lanes) {
                FloatVector q = FloatVector.fromArray(SPECIES, query, j);
                sum = FloatVector.fromArray(SPECIES, vectors, base + j).fma(q, sum);
            }
            float dot = sum.reduceLanes(VectorOperators.ADD);
            for (int j = upper; j < dimension; j++) {
                dot += vectors[base + j] * query[j];
            }
            out[row - fromRow] = dot;
        }
    }

    @Override
    public String name() {
        return "vector-api-" + SPECIES.vectorBitSize() + "bit";
    }
}
