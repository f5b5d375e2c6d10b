package dev.facekit.align;

import dev.facekit.detect.Landmarks.Point;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A similarity transform of the plane: rotation, uniform scale and translation, no shear and no
 * reflection. It maps {@code (x, y)} to {@code (a x - b y + tx, b x + a y + ty)}, so {@code a = s
 * cos(theta)} and {@code b = s sin(theta)}.
 *
 * @param a scale times the cosine of the rotation
 * @param b scale times the sine of the rotation
 * @param tx horizontal translation
 * @param ty vertical translation
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity transform taking {@code from[i]} as close as possible to {@code
     * to[i]}, minimising the sum of squared distances.
     *
     * <p>Closed form: with both point sets centred on their means (primes), {@code a = sum(x'u' +
     * y'v') / sum(x'^2 + y'^2)} and {@code b = sum(x'v' - y'u') / sum(x'^2 + y'^2)}, where {@code
     * (u, v)} are the target points; the translation then maps the mean onto the mean. Unlike a
     * robust estimator (RANSAC, LMedS) it uses every point and is fully deterministic.
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than two points,
     *     or the source points all coincide
     */
    public static SimilarityTransform fit(Point[] from, Point[] to) {
        if (from.length != to.length || from.length < 2) {
            throw new IllegalArgumentException(
                    "Need two equally long lists of at least 2 points, got "
                            + from.length
                            + " and "
                            + to.length);
        }
        int n = from.length;
        double fromX = 0;
        double fromY = 0;
        double toX = 0;
        double toY = 0;
        for (int i = 0; i < n; i++) {
            fromX += from[i].x() / n;
            fromY += from[i].y() / n;
            toX += to[i].x() / n;
            toY += to[i].y() / n;
        }
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double x = from[i].x() - fromX;
            double y = from[i].y() - fromY;
            double u = to[i].x() - toX;
            double v = to[i].y() - toY;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("The source points all coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(
                a, b, toX - (a * fromX - b * fromY), toY - (b * fromX + a * fromY));
    }

    /** Where the transform takes a point. */
    public Point apply(Point p) {
        return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
    }

    /** The uniform scale factor. */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** The rotation angle in radians, counter-clockwise in a y-up frame (clockwise on screen). */
    public double rotationRadians() {
        return Math.atan2(b, a);
    }

    /**
     * This transform applied to a picture that was first resized by {@code factor} (OpenCV's resize
     * convention, pixel {@code x} going to {@code (x + 0.5) factor - 0.5}): the result maps the
     * resized picture's pixels where this one maps the original's.
     */
    public SimilarityTransform afterResize(double factor) {
        double shift = 0.5 / factor - 0.5;
        double newA = a / factor;
        double newB = b / factor;
        return new SimilarityTransform(
                newA, newB, tx + a * shift - b * shift, ty + b * shift + a * shift);
    }

    /** The 2 x 3 matrix {@code [a -b tx; b a ty]} that OpenCV's {@code warpAffine} takes. */
    public Mat toAffineMat() {
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, a, -b, tx, b, a, ty);
        return m;
    }
}
