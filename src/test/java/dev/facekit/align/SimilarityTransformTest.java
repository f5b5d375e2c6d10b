package dev.facekit.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.facekit.detect.Landmarks.Point;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    @Test
    void recoversAKnownTransformExactly() {
        SimilarityTransform truth =
                new SimilarityTransform(1.7 * Math.cos(0.3), 1.7 * Math.sin(0.3), 12.5, -40.25);
        Point[] from = AlignmentTemplate.DLIB_150.pointArray();
        Point[] to = new Point[from.length];
        for (int i = 0; i < from.length; i++) {
            to[i] = truth.apply(from[i]);
        }

        SimilarityTransform fitted = SimilarityTransform.fit(from, to);

        assertEquals(truth.a(), fitted.a(), 1e-12);
        assertEquals(truth.b(), fitted.b(), 1e-12);
        assertEquals(truth.tx(), fitted.tx(), 1e-10);
        assertEquals(truth.ty(), fitted.ty(), 1e-10);
        assertEquals(1.7, fitted.scale(), 1e-12);
        assertEquals(0.3, fitted.rotationRadians(), 1e-12);
    }

    @Test
    void splitsTheDifferenceBetweenInconsistentPoints() {
        // One pair asks for scale 2, the other for 2/3; least squares weighs them by their spread:
        // a = sum(x u) / sum(x^2) = (2 + 2 + 6 + 6) / (1 + 1 + 9 + 9) = 0.8.
        Point[] from = {new Point(-1, 0), new Point(1, 0), new Point(-3, 0), new Point(3, 0)};
        Point[] to = {new Point(-2, 0), new Point(2, 0), new Point(-2, 0), new Point(2, 0)};

        SimilarityTransform fitted = SimilarityTransform.fit(from, to);

        assertEquals(0.8, fitted.a(), 1e-12);
        assertEquals(0, fitted.b(), 1e-12);
        assertEquals(0, fitted.tx(), 1e-12);
        assertEquals(0, fitted.ty(), 1e-12);
    }

    @Test
    void rotatesAQuarterTurn() {
        SimilarityTransform fitted =
                SimilarityTransform.fit(
                        new Point[] {new Point(1, 1), new Point(3, 1)},
                        new Point[] {new Point(0, 0), new Point(0, 2)});

        assertEquals(0, fitted.a(), 1e-12);
        assertEquals(1, fitted.b(), 1e-12);
        assertEquals(new Point(0, 0), round(fitted.apply(new Point(1, 1))));
    }

    @Test
    void composesWithAPriorResize() {
        SimilarityTransform t = new SimilarityTransform(0.3, -0.1, 7, 9);
        double factor = 0.25;
        Point original = new Point(101, 57);
        Point resized = new Point((101 + 0.5) * factor - 0.5, (57 + 0.5) * factor - 0.5);

        Point expected = t.apply(original);
        Point actual = t.afterResize(factor).apply(resized);

        assertEquals(expected.x(), actual.x(), 1e-12);
        assertEquals(expected.y(), actual.y(), 1e-12);
    }

    @Test
    void refusesCoincidentOrMismatchedPoints() {
        Point p = new Point(3, 4);
        assertThrows(
                IllegalArgumentException.class,
                () -> SimilarityTransform.fit(new Point[] {p, p}, new Point[] {p, p}));
        assertThrows(
                IllegalArgumentException.class,
                () -> SimilarityTransform.fit(new Point[] {p, p}, new Point[] {p}));
    }

    private static Point round(Point p) {
        return new Point(Math.round(p.x() * 1e9) / 1e9, Math.round(p.y() * 1e9) / 1e9);
    }
}
