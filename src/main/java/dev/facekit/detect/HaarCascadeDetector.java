package dev.facekit.detect;

import dev.facekit.CacheDirectory;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.CvException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * OpenCV's Viola-Jones (Haar cascade) face detector, the detector that made the reference dataset's
 * "Extracted Faces".
 *
 * <p>The frontal-face cascades that ship with OpenCV are bundled in the jar; any other cascade file
 * can be given by path. Defaults follow the common {@code cv2.detectMultiScale} usage: scale step
 * 1.1, 5 neighbours, faces of at least 30 px. Not thread-safe: one detector per thread.
 */
public final class HaarCascadeDetector implements FaceDetector {

    /** The bundled cascade used when none is named; chosen by measuring on LFW (see README). */
    public static final String DEFAULT_CASCADE = "frontalface_default";

    /** The bundled frontal-face cascades, by the short names {@link #bundled} accepts. */
    public static final List<String> BUNDLED_CASCADES =
            List.of(
                    "frontalface_default",
                    "frontalface_alt",
                    "frontalface_alt2",
                    "frontalface_alt_tree");

    private final String name;
    private final CascadeClassifier cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minSizePx;

    /**
     * @param cascadeFile an OpenCV cascade XML file
     * @param name the name reported by {@link #name()}
     * @param scaleFactor how much the search window grows per scale step (1.1: 10%)
     * @param minNeighbors how many overlapping raw hits make a face; higher means fewer false faces
     *     and more missed ones
     * @param minSizePx the smallest face searched for, in pixels
     */
    public HaarCascadeDetector(
            Path cascadeFile, String name, double scaleFactor, int minNeighbors, int minSizePx) {
        OpenCvLibrary.load();
        if (scaleFactor <= 1.0) {
            throw new IllegalArgumentException("scaleFactor must exceed 1: " + scaleFactor);
        }
        if (!Files.isRegularFile(cascadeFile)) {
            throw new IllegalArgumentException("No cascade file at " + cascadeFile);
        }
        this.cascade = load(cascadeFile);
        if (cascade.empty()) {
            throw new IllegalArgumentException(
                    cascadeFile + " is not an OpenCV cascade classifier XML file");
        }
        this.name = name;
        this.scaleFactor = scaleFactor;
        this.minNeighbors = minNeighbors;
        this.minSizePx = minSizePx;
    }

    private static CascadeClassifier load(Path cascadeFile) {
        try {
            return new CascadeClassifier(cascadeFile.toString());
        } catch (CvException e) {
            throw new IllegalArgumentException(
                    cascadeFile + " is not an OpenCV cascade classifier XML file", e);
        }
    }

    /** The default bundled cascade with the default settings. */
    public static HaarCascadeDetector createDefault() {
        return bundled(DEFAULT_CASCADE);
    }

    /**
     * A bundled cascade with the default settings.
     *
     * @param cascade one of {@link #BUNDLED_CASCADES}, with or without the {@code haarcascade_}
     *     prefix
     */
    public static HaarCascadeDetector bundled(String cascade) {
        String shortName = cascade.replaceFirst("^haarcascade_", "").replaceFirst("\\.xml$", "");
        return new HaarCascadeDetector(bundledFile(shortName), "haar:" + shortName, 1.1, 5, 30);
    }

    /**
     * Unpacks a cascade bundled in the jar into the cache (OpenCV reads cascades only from files)
     * and returns its path.
     *
     * @param shortName a cascade name without prefix or suffix, e.g. {@code eye}
     */
    public static Path bundledFile(String shortName) {
        String file = "haarcascade_" + shortName + ".xml";
        Path target = CacheDirectory.resolve("haarcascades").resolve(file);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in =
                HaarCascadeDetector.class.getResourceAsStream("haarcascades/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "No bundled cascade named '"
                                + shortName
                                + "'; choose one of "
                                + BUNDLED_CASCADES
                                + " or give a cascade file");
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), file, ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + file + " into " + target, e);
        }
    }

    @Override
    public List<DetectedFace> detect(Mat bgr) {
        Mat grey = new Mat();
        MatOfRect rects = new MatOfRect();
        MatOfInt levels = new MatOfInt();
        MatOfDouble weights = new MatOfDouble();
        try {
            if (bgr.channels() == 1) {
                bgr.copyTo(grey);
            } else {
                Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
            }
            cascade.detectMultiScale3(
                    grey,
                    rects,
                    levels,
                    weights,
                    scaleFactor,
                    minNeighbors,
                    0,
                    new Size(minSizePx, minSizePx),
                    new Size(),
                    true);
            if (rects.empty()) {
                return List.of();
            }
            return toFaces(rects.toArray(), weights.empty() ? new double[0] : weights.toArray());
        } finally {
            grey.release();
            rects.release();
            levels.release();
            weights.release();
        }
    }

    private static List<DetectedFace> toFaces(Rect[] rects, double[] weights) {
        List<DetectedFace> faces = new ArrayList<>(rects.length);
        for (int i = 0; i < rects.length; i++) {
            Rect r = rects[i];
            double score = i < weights.length ? weights[i] : Double.NaN;
            faces.add(new DetectedFace(new Box(r.x, r.y, r.width, r.height), score));
        }
        return faces;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s (scale %.2f, %d neighbours, min %d px)",
                name,
                scaleFactor,
                minNeighbors,
                minSizePx);
    }
}
