package dev.facekit.crop;

import dev.facekit.detect.DetectedFace;
import org.opencv.core.Mat;

/**
 * Cuts the chip an embedding model takes out of a picture, for one detected face: a box crop, or a
 * crop aligned by the face's landmarks. Implementations say which faces they can serve.
 */
public interface ChipCutter {

    /** Cuts the chip of {@code face} from an 8-bit BGR picture; the caller releases it. */
    Mat cut(Mat bgr, DetectedFace face);

    /** Whether this cutter needs landmarks ({@link DetectedFace#hasLandmarks()}). */
    default boolean needsLandmarks() {
        return false;
    }
}
