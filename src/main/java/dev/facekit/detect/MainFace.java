package dev.facekit.detect;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the face a person would pick as "the" face of a photo: large and near the centre.
 *
 * <p>Each face is scored by its area, discounted by how far its centre lies from the picture's
 * centre: {@code area * (1 - d / halfDiagonal)}, where {@code d} is that distance. A face at the
 * centre keeps its whole area; one in a corner keeps almost none, so a big face in the middle beats
 * a slightly bigger one at the edge, as in LFW, where the named person is centred and bystanders
 * are cut off at the borders.
 */
public final class MainFace {

    private MainFace() {}

    /** The main face of a {@code width x height} picture, or empty when there are no faces. */
    public static Optional<DetectedFace> of(List<DetectedFace> faces, int width, int height) {
        return faces.stream()
                .max(Comparator.comparingDouble(f -> prominence(f.box(), width, height)));
    }

    /** The score described above; larger is more prominent. */
    static double prominence(Box box, int width, int height) {
        double halfDiagonal = Math.hypot(width, height) / 2;
        double distance = Math.hypot(box.centerX() - width / 2.0, box.centerY() - height / 2.0);
        return box.area() * Math.max(0, 1 - distance / halfDiagonal);
    }
}
