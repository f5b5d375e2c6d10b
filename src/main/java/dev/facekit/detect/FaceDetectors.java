package dev.facekit.detect;

import dev.facekit.detect.blazeface.BlazeFaceDetector;
import dev.facekit.detect.blazeface.BlazeFaceModel;
import java.io.IOException;
import java.util.List;

/**
 * Opens a face detector by the name a user gives on the command line. Each call makes a new
 * detector; detectors are not thread-safe, so give each worker thread its own.
 */
public final class FaceDetectors {

    /**
     * MediaPipe BlazeFace, 128 px front model, averaged with its mirror image: box, score and five
     * landmarks. The default.
     */
    public static final String BLAZEFACE = "blazeface";

    /** MediaPipe BlazeFace, 256 px back model: slower, for smaller faces. */
    public static final String BLAZEFACE_BACK = "blazeface-back";

    /** The front model without mirror averaging: half the time, noisier landmarks. */
    public static final String BLAZEFACE_SINGLE_PASS = "blazeface-single-pass";

    /**
     * OpenCV's Haar cascade with the default bundled cascade: boxes without landmarks, as used to
     * make the reference dataset's crops.
     */
    public static final String HAAR = "haar";

    /** Every name {@link #open} accepts, the default first. */
    public static final List<String> NAMES =
            List.of(BLAZEFACE, BLAZEFACE_BACK, BLAZEFACE_SINGLE_PASS, HAAR);

    private FaceDetectors() {}

    /**
     * Opens the named detector, fetching its model on first use.
     *
     * @throws IllegalArgumentException naming the known detectors when there is no such one
     * @throws IOException if the detector's model cannot be had; the message says what to do
     */
    public static FaceDetector open(String name) throws IOException {
        return switch (name) {
            case BLAZEFACE -> new BlazeFaceDetector(BlazeFaceModel.FRONT_128);
            case BLAZEFACE_BACK -> new BlazeFaceDetector(BlazeFaceModel.BACK_256);
            case BLAZEFACE_SINGLE_PASS -> {
                BlazeFaceModel front = BlazeFaceModel.FRONT_128;
                yield new BlazeFaceDetector(front, front.onnxFile(), 0.5, false);
            }
            case HAAR -> HaarCascadeDetector.createDefault();
            default ->
                    throw new IllegalArgumentException(
                            "Unknown detector '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
