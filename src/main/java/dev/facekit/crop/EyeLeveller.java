package dev.facekit.crop;

import dev.facekit.detect.Box;
import dev.facekit.detect.HaarCascadeDetector;
import java.util.OptionalDouble;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * Measures how far a face is tilted in the picture plane from its two eyes, found with OpenCV's
 * Haar eye cascade inside the upper part of the face box. Not thread-safe: one per thread.
 *
 * <p>Limitation: the eye cascade misses eyes behind dark glasses and often under strong tilt; then
 * no angle is returned and the crop stays unrotated.
 */
public final class EyeLeveller {

    /** Tilts beyond this are more likely a wrong eye pair than a real tilt. */
    private static final double MAX_TILT_DEGREES = 30;

    private final CascadeClassifier eyes;

    /** Loads the bundled eye cascade. */
    public EyeLeveller() {
        this.eyes = new CascadeClassifier(HaarCascadeDetector.bundledFile("eye").toString());
    }

    /**
     * The angle, in degrees counter-clockwise, by which the picture must turn about the face centre
     * for the eyes to lie level; empty when two eyes are not found.
     */
    public OptionalDouble tiltDegrees(Mat bgr, Box face) {
        Rect upper = upperFace(bgr, face);
        if (upper.width < 16 || upper.height < 8) {
            return OptionalDouble.empty();
        }
        Mat grey = new Mat();
        MatOfRect found = new MatOfRect();
        try {
            Imgproc.cvtColor(bgr.submat(upper), grey, Imgproc.COLOR_BGR2GRAY);
            int minEye = Math.max(8, (int) (face.width() / 8));
            eyes.detectMultiScale(grey, found, 1.1, 3, 0, new Size(minEye, minEye), new Size());
            return angleBetweenEyes(found.toArray(), upper.width);
        } finally {
            grey.release();
            found.release();
        }
    }

    /** The top 60% of the face box, clipped to the picture: where eyes can be. */
    private static Rect upperFace(Mat bgr, Box face) {
        int x = (int) Math.max(0, face.x());
        int y = (int) Math.max(0, face.y());
        int right = (int) Math.min(bgr.cols(), face.x() + face.width());
        int bottom = (int) Math.min(bgr.rows(), face.y() + face.height() * 0.6);
        return new Rect(x, y, Math.max(0, right - x), Math.max(0, bottom - y));
    }

    /** The largest eye on each half of the region, and the angle of the line through them. */
    private static OptionalDouble angleBetweenEyes(Rect[] found, int regionWidth) {
        Rect left = null;
        Rect right = null;
        for (Rect eye : found) {
            double centerX = eye.x + eye.width / 2.0;
            if (centerX < regionWidth / 2.0) {
                left = left == null || eye.area() > left.area() ? eye : left;
            } else {
                right = right == null || eye.area() > right.area() ? eye : right;
            }
        }
        if (left == null || right == null) {
            return OptionalDouble.empty();
        }
        double dx = (right.x + right.width / 2.0) - (left.x + left.width / 2.0);
        double dy = (right.y + right.height / 2.0) - (left.y + left.height / 2.0);
        double degrees = Math.toDegrees(Math.atan2(dy, dx));
        return Math.abs(degrees) <= MAX_TILT_DEGREES
                ? OptionalDouble.of(degrees)
                : OptionalDouble.empty();
    }
}
