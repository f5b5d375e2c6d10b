package dev.facekit.detect.blazeface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnchorGridTest {

    private final float[][] centres = AnchorGrid.centres();

    @Test
    void hasTwoAnchorsPerCellOnTheFineGridThenSixOnTheCoarse() {
        assertEquals(896, centres.length);
        assertArrayEquals(new float[] {1 / 32f, 1 / 32f}, centres[0]);
        assertArrayEquals(new float[] {1 / 32f, 1 / 32f}, centres[1]);
        assertArrayEquals(new float[] {3 / 32f, 1 / 32f}, centres[2]);
        assertArrayEquals(new float[] {1 / 32f, 3 / 32f}, centres[32]);
        assertArrayEquals(new float[] {31 / 32f, 31 / 32f}, centres[511]);
        assertArrayEquals(new float[] {1 / 16f, 1 / 16f}, centres[512]);
        assertArrayEquals(new float[] {1 / 16f, 1 / 16f}, centres[517]);
        assertArrayEquals(new float[] {3 / 16f, 1 / 16f}, centres[518]);
        assertArrayEquals(new float[] {15 / 16f, 15 / 16f}, centres[895]);
    }
}
