package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.facekit.embed.OfflineEngine;
import org.junit.jupiter.api.Test;

/** The cosine-margin softmax loss against values worked out with the formula in its javadoc. */
class ClassificationLossTest {

    private static float loss(float[] cosines, int classCount, int[] classes) {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            NDArray c = manager.create(cosines, new Shape(classes.length, classCount));
            return ClassificationLoss.compute(c, classes).getFloat();
        }
    }

    /** -log(e^{s(cos_y - m)} / (e^{s(cos_y - m)} + sum of e^{s cos_j} over the other classes)). */
    private static double byHand(double[] row, int truth) {
        double s = ClassificationLoss.SCALE;
        double m = ClassificationLoss.MARGIN;
        double target = Math.exp(s * (row[truth] - m));
        double all = target;
        for (int j = 0; j < row.length; j++) {
            if (j != truth) {
                all += Math.exp(s * row[j]);
            }
        }
        return -Math.log(target / all);
    }

    @Test
    void equalCosinesCostTheMarginAgainstEveryOtherClass() {
        // All cosines 0: -log(e^{-sm} / (e^{-sm} + 2)) = log(1 + 2 e^{sm}).
        float got = loss(new float[] {0, 0, 0}, 3, new int[] {1});

        double expected =
                Math.log(1 + 2 * Math.exp(ClassificationLoss.SCALE * ClassificationLoss.MARGIN));
        assertEquals(expected, got, 1e-5);
    }

    @Test
    void averagesTheRowsEachAgainstItsOwnPerson() {
        double[][] rows = {{0.9, 0.1, -0.2}, {0.3, 0.4, 0.5}};
        int[] classes = {0, 2};

        float got = loss(new float[] {0.9f, 0.1f, -0.2f, 0.3f, 0.4f, 0.5f}, 3, classes);

        double expected = (byHand(rows[0], 0) + byHand(rows[1], 2)) / 2;
        assertEquals(expected, got, 1e-4);
    }

    @Test
    void aConfidentRightAnswerCostsLittleAndAWrongOneMuch() {
        float right = loss(new float[] {1, -1}, 2, new int[] {0});
        float wrong = loss(new float[] {1, -1}, 2, new int[] {1});

        assertEquals(byHand(new double[] {1, -1}, 0), right, 1e-5);
        assertEquals(byHand(new double[] {1, -1}, 1), wrong, 1e-3);
    }
}
