package dev.facekit.detect;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Finds faces in a picture. Implementations are not thread-safe unless they say so: give each
 * worker thread its own detector.
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * Finds every face in an 8-bit BGR picture.
     *
     * @return the faces found, in no particular order; empty when there are none
     */
    List<DetectedFace> detect(Mat bgr);

    /** A short name for reports and provenance, such as {@code haar:frontalface_alt2}. */
    String name();

    /** Releases native resources; the default has none. */
    @Override
    default void close() {}
}
