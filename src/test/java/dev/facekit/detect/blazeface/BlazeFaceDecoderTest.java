package dev.facekit.detect.blazeface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlazeFaceDecoderTest {

    private static final int SIZE = 128;

    private final float[] logits = new float[AnchorGrid.COUNT];
    private final float[] regressors = new float[AnchorGrid.COUNT * Candidate.GEOMETRY_SIZE];

    BlazeFaceDecoderTest() {
        Arrays.fill(logits, -10);
    }

    @Test
    void decodesOffsetsRelativeToTheAnchorInInputPixels() {
        // Anchor 512 is the first of the 8 x 8 grid, centred at (1/16, 1/16) = (8, 8) px.
        logits[512] = 0;
        float[] raw = {4, -2, 32, 40, -6, -4, 6, -4, 0, 2, 0, 10, -14, 0, 14, 0};
        System.arraycopy(raw, 0, regressors, 512 * 16, 16);

        List<Candidate> decoded = BlazeFaceDecoder.decode(logits, regressors, SIZE, 0.5);

        assertEquals(1, decoded.size());
        assertEquals(0.5, decoded.get(0).score(), 1e-12);
        double[] expectedPx = {12, 6, 32, 40, 2, 4, 14, 4, 8, 10, 8, 18, -6, 8, 22, 8};
        double[] actualPx = Arrays.stream(decoded.get(0).geometry()).map(v -> v * SIZE).toArray();
        assertArrayEquals(expectedPx, actualPx, 1e-4);
    }

    @Test
    void dropsAnchorsBelowTheScoreThreshold() {
        logits[3] = (float) Math.log(0.49 / 0.51);
        logits[4] = (float) Math.log(0.51 / 0.49);

        List<Candidate> decoded = BlazeFaceDecoder.decode(logits, regressors, SIZE, 0.5);

        assertEquals(1, decoded.size());
        assertEquals(0.51, decoded.get(0).score(), 1e-6);
    }

    @Test
    void blendsOverlappingPredictionsByScoreAndKeepsSeparateFacesApart() {
        Candidate strong = candidate(0.9, 0.50, 0.50, 0.2);
        Candidate weak = candidate(0.3, 0.54, 0.50, 0.2);
        Candidate elsewhere = candidate(0.6, 0.10, 0.10, 0.1);

        List<Candidate> faces = BlazeFaceDecoder.blend(List.of(weak, elsewhere, strong), 0.3);

        assertEquals(2, faces.size());
        assertEquals(0.9, faces.get(0).score());
        assertEquals((0.9 * 0.50 + 0.3 * 0.54) / 1.2, faces.get(0).geometry()[0], 1e-12);
        assertEquals((0.9 * 0.50 + 0.3 * 0.54) / 1.2, faces.get(0).geometry()[4], 1e-12);
        assertEquals(0.6, faces.get(1).score());
        assertEquals(0.10, faces.get(1).geometry()[0], 1e-12);
    }

    /** A square box of side {@code side} at {@code (x, y)}, every keypoint at its centre. */
    private static Candidate candidate(double score, double x, double y, double side) {
        double[] g = new double[Candidate.GEOMETRY_SIZE];
        for (int j = 0; j < g.length; j += 2) {
            g[j] = x;
            g[j + 1] = y;
        }
        g[2] = side;
        g[3] = side;
        return new Candidate(score, g);
    }
}
