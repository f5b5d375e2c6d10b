package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final int SIZE = 8;

    /** A chip whose pixels all differ: value = 3 x + 20 y + channel. */
    private static byte[] chip() {
        byte[] pixels = new byte[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels[(y * SIZE + x) * 3 + c] = (byte) (3 * x + 20 * y + c);
                }
            }
        }
        return pixels;
    }

    private static float[] plain() {
        float[] out = new float[SIZE * SIZE * 3];
        ChipPreprocessing.writeTensor(chip(), SIZE, out, 0);
        return out;
    }

    private static float[] mirrored(float[] planes) {
        float[] out = new float[planes.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    out[c * SIZE * SIZE + y * SIZE + x] =
                            planes[c * SIZE * SIZE + y * SIZE + (SIZE - 1 - x)];
                }
            }
        }
        return out;
    }

    @Test
    void noneLeavesTheChipAsPreprocessingWritesIt() {
        float[] out = new float[SIZE * SIZE * 3];
        Augmentation.NONE.writeTensor(chip(), SIZE, new Random(1), out, 0);

        assertArrayEquals(plain(), out);
    }

    @Test
    void mirrorGivesEitherTheChipOrItsExactMirrorImage() {
        Augmentation mirror = Augmentation.parse("mirror");
        Random random = new Random(5);
        int flips = 0;
        for (int i = 0; i < 20; i++) {
            float[] out = new float[SIZE * SIZE * 3];
            mirror.writeTensor(chip(), SIZE, random, out, 0);
            if (Arrays.equals(out, mirrored(plain()))) {
                flips++;
            } else {
                assertArrayEquals(plain(), out);
            }
        }
        assertTrue(flips > 0 && flips < 20, flips + " flips of 20");
    }

    @Test
    void sameSeedSameChanges() {
        float[] a = new float[SIZE * SIZE * 3];
        float[] b = new float[SIZE * SIZE * 3];
        Augmentation.DEFAULT.writeTensor(chip(), SIZE, new Random(9), a, 0);
        Augmentation.DEFAULT.writeTensor(chip(), SIZE, new Random(9), b, 0);

        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(plain()), Arrays.toString(a));
        for (float v : a) {
            assertTrue(v >= -1 && v <= 1);
        }
    }

    @Test
    void parsesAndDescribesItsParts() {
        assertEquals("mirror,shift,scale,colour", Augmentation.DEFAULT.describe());
        assertEquals("none", Augmentation.parse("none").describe());
        assertEquals(Augmentation.NONE, Augmentation.parse("none"));
        assertEquals("mirror,colour", Augmentation.parse("colour, mirror").describe());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("rotate"));
    }
}
