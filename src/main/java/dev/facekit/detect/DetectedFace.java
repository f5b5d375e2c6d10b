package dev.facekit.detect;

/**
 * One face found in a picture.
 *
 * @param box where the face is, in the picture's pixels
 * @param score the detector's confidence; its scale depends on the detector (Haar: the cascade's
 *     final-stage weight, unbounded; neural detectors: a probability in [0, 1])
 * @param landmarks five facial points, or {@code null} when the detector gives none
 */
public record DetectedFace(Box box, double score, Landmarks landmarks) {

    /** A face without landmarks. */
    public DetectedFace(Box box, double score) {
        this(box, score, null);
    }

    /** Whether the detector located the eyes, nose and mouth. */
    public boolean hasLandmarks() {
        return landmarks != null;
    }

    /** This face with box and landmarks multiplied by {@code factor}. */
    public DetectedFace scaled(double factor) {
        return new DetectedFace(
                box.scaled(factor), score, landmarks == null ? null : landmarks.scaled(factor));
    }
}
