package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import dev.facekit.opencv.OpenCvLibrary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class MirrorAveragingEmbedderTest {

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLibrary.load();
    }

    /** Embeds a chip as (mean of its left half, mean of its right half), L2-normalised. */
    private static final class HalvesEmbedder implements FaceEmbedder {
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public ModelInfo info() {
            return new ModelInfo("halves", "00", 4, 2, "box", 1);
        }

        @Override
        public float[][] embed(List<Mat> chips) {
            batchSizes.add(chips.size());
            float[][] vectors = new float[chips.size()][];
            for (int i = 0; i < chips.size(); i++) {
                Mat chip = chips.get(i);
                int half = chip.cols() / 2;
                double left = org.opencv.core.Core.mean(chip.colRange(0, half)).val[0];
                double right = org.opencv.core.Core.mean(chip.colRange(half, chip.cols())).val[0];
                double norm = Math.hypot(left, right);
                vectors[i] = new float[] {(float) (left / norm), (float) (right / norm)};
            }
            return vectors;
        }

        @Override
        public void close() {}
    }

    @Test
    void averagesAChipWithItsMirrorImage() {
        // Left half 30, right half 40: the chip embeds as (0.6, 0.8), its mirror as (0.8, 0.6);
        // their normalised average is (1, 1) / sqrt 2.
        Mat chip = new Mat(4, 4, CvType.CV_8UC1, new Scalar(40));
        chip.colRange(0, 2).setTo(new Scalar(30));
        HalvesEmbedder halves = new HalvesEmbedder();

        float[][] embedded = new MirrorAveragingEmbedder(halves).embed(List.of(chip, chip));

        float expected = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {expected, expected}, embedded[0], 1e-6f);
        assertEquals(2, embedded.length);
        // The chips and their mirrors go to the model in one batch.
        assertEquals(List.of(4), halves.batchSizes);
    }
}
