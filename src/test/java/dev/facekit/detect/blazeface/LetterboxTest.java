package dev.facekit.detect.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LetterboxTest {

    @Test
    void centresAWidePictureAndMapsInputPixelsBack() {
        Letterbox box = Letterbox.fit(400, 200, 128);

        assertEquals(128, box.scaledWidth());
        assertEquals(64, box.scaledHeight());
        assertEquals(0, box.left());
        assertEquals(32, box.top());
        assertEquals(400, box.toPictureX(128), 1e-9);
        assertEquals(0, box.toPictureY(32), 1e-9);
        assertEquals(200, box.toPictureY(96), 1e-9);
    }

    @Test
    void leavesEqualBordersOnOppositeSides() {
        Letterbox box = Letterbox.fit(300, 250, 128);

        assertEquals(108, box.scaledHeight());
        assertEquals(10, box.top());
        assertEquals(108 / 250.0, box.scaleY(), 1e-12);
    }

    @Test
    void keepsAtLeastOnePixelOfAVeryThinPicture() {
        Letterbox box = Letterbox.fit(1000, 1, 128);

        assertEquals(2, box.scaledHeight());
        assertEquals(63, box.top());
    }
}
