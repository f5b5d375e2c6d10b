package dev.facekit.align;

import dev.facekit.detect.Landmarks;
import dev.facekit.detect.Landmarks.Point;
import java.util.List;

/**
 * Where the five landmarks of a face should land in a square chip: left eye, right eye, nose tip,
 * left and right mouth corner (image-left first), in pixel-centre coordinates (pixel {@code i}
 * spans {@code i - 0.5 .. i + 0.5}), the convention of OpenCV's {@code warpAffine}.
 *
 * <p>The framing must match the one an embedding model was trained on: the same landmarks mapped
 * onto a tighter template cost the dlib ResNet ten points of LFW accuracy on these machines.
 *
 * @param name the name a user passes ({@code --align dlib150})
 * @param sizePx side of the square chip, in pixels
 * @param points the five target points, in {@link Landmarks#points()} order
 */
public record AlignmentTemplate(String name, int sizePx, List<Point> points) {

    /**
     * dlib's 150 x 150 face chip with its default padding of 0.25, as the dlib ResNet (and
     * facekit's built-in model) expects: eyes 52.9 px apart at a height of 46.6, mouth corners 47.2
     * px apart at 103.0. Measured here with that model on LFW's pairs.txt: 99.10% +- 0.29, against
     * 97.3% for the best Haar-box crop. The points are centred on x = 74.0, half a pixel left of
     * the chip's centre line (74.5), as measured; the chip of a mirrored photo is therefore the
     * mirrored chip moved by one pixel.
     */
    public static final AlignmentTemplate DLIB_150 =
            new AlignmentTemplate(
                    "dlib150",
                    150,
                    List.of(
                            new Point(47.6, 46.6),
                            new Point(100.5, 46.6),
                            new Point(74.0, 76.6),
                            new Point(50.4, 103.0),
                            new Point(97.6, 103.0)));

    /**
     * The 112 x 112 template of InsightFace's ArcFace models (Deng et al., 2019), used by most
     * models trained on MS1M, Glint360K or WebFace: a tight crop, eyes at a height of about 51.6,
     * mouth at about 92.3.
     */
    public static final AlignmentTemplate ARCFACE_112 =
            new AlignmentTemplate(
                    "arcface112",
                    112,
                    List.of(
                            new Point(38.2946, 51.6963),
                            new Point(73.5318, 51.5014),
                            new Point(56.0252, 71.7366),
                            new Point(41.5493, 92.3655),
                            new Point(70.7299, 92.2041)));

    /**
     * facekit's own 128 x 128 training crops: the {@link #DLIB_150} framing scaled to 128 px, so a
     * model trained on these chips sees the same face region that measured best with the dlib
     * ResNet.
     */
    public static final AlignmentTemplate FACEKIT_128 = DLIB_150.resized("facekit128", 128);

    /** Every template by name, the default first. */
    public static final List<AlignmentTemplate> ALL = List.of(DLIB_150, ARCFACE_112, FACEKIT_128);

    public AlignmentTemplate {
        if (points.size() != 5) {
            throw new IllegalArgumentException("A template has 5 points, got " + points.size());
        }
        points = List.copyOf(points);
    }

    /**
     * Finds a template by name.
     *
     * @throws IllegalArgumentException naming the known templates when there is no such one
     */
    public static AlignmentTemplate named(String name) {
        for (AlignmentTemplate t : ALL) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "Unknown alignment template '" + name + "'; known: " + String.join(", ", names()));
    }

    /** The names of all templates, the default first. */
    public static List<String> names() {
        return ALL.stream().map(AlignmentTemplate::name).toList();
    }

    /** The same framing at another chip size (pixel centres scale about the chip's edge). */
    public AlignmentTemplate resized(String newName, int newSizePx) {
        double factor = newSizePx / (double) sizePx;
        return new AlignmentTemplate(
                newName,
                newSizePx,
                points.stream()
                        .map(
                                p ->
                                        new Point(
                                                (p.x() + 0.5) * factor - 0.5,
                                                (p.y() + 0.5) * factor - 0.5))
                        .toList());
    }

    /** The points as an array, in {@link Landmarks#points()} order. */
    public Point[] pointArray() {
        return points.toArray(Point[]::new);
    }
}
