package dev.facekit.detect;

/**
 * Five facial landmarks in image pixels, as seen in the picture: the "left eye" is the one on the
 * left of the image (the person's right eye). This is the five-point layout that alignment
 * templates are written for.
 *
 * @param leftEye centre of the eye on the image's left
 * @param rightEye centre of the eye on the image's right
 * @param nose tip of the nose
 * @param mouthLeft mouth corner on the image's left
 * @param mouthRight mouth corner on the image's right
 */
public record Landmarks(
        Point leftEye, Point rightEye, Point nose, Point mouthLeft, Point mouthRight) {

    /** A point in image pixels. */
    public record Point(double x, double y) {

        /** This point with both coordinates multiplied by {@code factor}. */
        public Point scaled(double factor) {
            return new Point(x * factor, y * factor);
        }
    }

    /** The five points in template order: left eye, right eye, nose, left and right mouth. */
    public Point[] points() {
        return new Point[] {leftEye, rightEye, nose, mouthLeft, mouthRight};
    }

    /** These landmarks with every coordinate multiplied by {@code factor}. */
    public Landmarks scaled(double factor) {
        return new Landmarks(
                leftEye.scaled(factor),
                rightEye.scaled(factor),
                nose.scaled(factor),
                mouthLeft.scaled(factor),
                mouthRight.scaled(factor));
    }
}
