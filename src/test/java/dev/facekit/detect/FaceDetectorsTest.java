package dev.facekit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaceDetectorsTest {

    @Test
    void opensEachDetectorByName() throws Exception {
        for (String name : FaceDetectors.NAMES) {
            try (FaceDetector detector = FaceDetectors.open(name)) {
                assertTrue(detector.name().startsWith(name.replaceFirst("-.*", "")), name);
            }
        }
        try (FaceDetector detector = FaceDetectors.open("blazeface")) {
            assertEquals("blazeface:front128", detector.name());
        }
    }

    @Test
    void namesTheKnownDetectorsWhenAskedForAnUnknownOne() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FaceDetectors.open("mtcnn"));
        assertTrue(e.getMessage().contains("blazeface, blazeface-back"), e.getMessage());
    }
}
