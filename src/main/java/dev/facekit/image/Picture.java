package dev.facekit.image;

import java.nio.file.Path;
import org.opencv.core.Mat;

/**
 * A decoded picture: 8-bit, three-channel BGR pixels (OpenCV's order), whatever the file held.
 *
 * @param source the file it came from, or {@code null} for a picture made in memory
 * @param bgr the pixels; the caller owns the matrix and should release it when done
 * @param scaleToOriginal how many pixels of the file one pixel here stands for: 1 unless a very
 *     large file was decoded at reduced size; multiply coordinates by it to report them in the
 *     file's own pixels
 */
public record Picture(Path source, Mat bgr, double scaleToOriginal) {

    /** Width in pixels, as decoded. */
    public int width() {
        return bgr.cols();
    }

    /** Height in pixels, as decoded. */
    public int height() {
        return bgr.rows();
    }

    /** Frees the native pixel memory now rather than at garbage collection. */
    public void release() {
        bgr.release();
    }
}
