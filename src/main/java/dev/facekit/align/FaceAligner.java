package dev.facekit.align;

import dev.facekit.crop.ChipCutter;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.Landmarks;
import dev.facekit.opencv.OpenCvLibrary;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts aligned face chips: fits the least-squares {@link SimilarityTransform} from a face's five
 * landmarks to an {@link AlignmentTemplate} and warps the picture with it, bilinearly, filling what
 * lies outside the picture with black.
 *
 * <p>When the chip is much smaller than the face (a large face in a large photo), the picture is
 * first shrunk with area averaging, so that the warp never samples fewer than about one source
 * pixel in two and the chip does not alias.
 *
 * <p>Thread-safe: it holds only its template.
 */
public final class FaceAligner implements ChipCutter {

    /** The template of the dlib ResNet, the built-in embedding model. */
    public static final String DEFAULT_TEMPLATE = "dlib150";

    /** Below this warp scale the picture is shrunk first. */
    private static final double MIN_WARP_SCALE = 0.5;

    private final AlignmentTemplate template;

    public FaceAligner(AlignmentTemplate template) {
        OpenCvLibrary.load();
        this.template = template;
    }

    /**
     * An aligner for a template by name: {@code dlib150}, {@code arcface112} or {@code facekit128}.
     *
     * @throws IllegalArgumentException naming the known templates when there is no such one
     */
    public static FaceAligner forTemplate(String name) {
        return new FaceAligner(AlignmentTemplate.named(name));
    }

    /** The names {@link #forTemplate} accepts, the default first. */
    public static List<String> templateNames() {
        return AlignmentTemplate.names();
    }

    public AlignmentTemplate template() {
        return template;
    }

    /**
     * The aligned chip of a detected face.
     *
     * @param bgr the picture the face was found in
     * @return a new {@code sizePx x sizePx} picture of the same type
     * @throws IllegalArgumentException if the detector gave the face no landmarks (Haar does not)
     */
    public Mat chip(Mat bgr, DetectedFace face) {
        if (!face.hasLandmarks()) {
            throw new IllegalArgumentException(
                    "Alignment needs facial landmarks, and this face has none; use a detector that"
                            + " finds them (blazeface) or crop by box instead");
        }
        return chip(bgr, face.landmarks());
    }

    /** The same as {@link #chip(Mat, DetectedFace)}. */
    @Override
    public Mat cut(Mat bgr, DetectedFace face) {
        return chip(bgr, face);
    }

    @Override
    public boolean needsLandmarks() {
        return true;
    }

    /** The aligned chip for five landmarks in {@code bgr}'s pixels. */
    public Mat chip(Mat bgr, Landmarks landmarks) {
        SimilarityTransform transform = transformFor(landmarks);
        Mat source = bgr;
        if (transform.scale() < MIN_WARP_SCALE) {
            double factor = transform.scale();
            source = new Mat();
            Imgproc.resize(bgr, source, new Size(), factor, factor, Imgproc.INTER_AREA);
            transform = transform.afterResize(factor);
        }
        Mat chip = new Mat();
        Mat matrix = transform.toAffineMat();
        Imgproc.warpAffine(
                source,
                chip,
                matrix,
                new Size(template.sizePx(), template.sizePx()),
                Imgproc.INTER_LINEAR,
                Core.BORDER_CONSTANT,
                Scalar.all(0));
        matrix.release();
        if (source != bgr) {
            source.release();
        }
        return chip;
    }

    /** The transform from picture pixels to chip pixels for these landmarks. */
    public SimilarityTransform transformFor(Landmarks landmarks) {
        return SimilarityTransform.fit(landmarks.points(), template.pointArray());
    }
}
