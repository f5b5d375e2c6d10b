package dev.facekit.detect.blazeface;

import dev.facekit.detect.Box;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.Landmarks;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

/**
 * Finds faces with MediaPipe BlazeFace and gives each a box, a probability and five landmarks.
 *
 * <p>The picture is letterboxed: scaled, keeping its aspect ratio, so that its longer side fills
 * the model's square input, and centred on black. Predictions are decoded and blended by {@link
 * BlazeFaceDecoder} and mapped back to the picture's pixels.
 *
 * <p>BlazeFace places the eyes, the nose tip and the centre of the mouth, not the mouth corners
 * that five-point alignment templates use. The corners are put on the line through the mouth centre
 * parallel to the eyes, {@value #MOUTH_HALF_WIDTH_PER_EYE_DISTANCE} eye distances to either side:
 * the proportion of dlib's 150 px template (mouth 47.2 px wide, eyes 52.9 px apart). Their midpoint
 * is exactly the detected mouth centre.
 *
 * <p>Limitation: a face smaller than about a fifth of the picture's longer side (front model) or a
 * tenth (back model) is usually missed, because the whole picture is shrunk to one input square.
 *
 * <p>Not thread-safe: the network keeps its buffers between calls.
 */
public final class BlazeFaceDetector implements FaceDetector {

    /** Half the mouth width as a fraction of the eye distance, from dlib's 150 px template. */
    public static final double MOUTH_HALF_WIDTH_PER_EYE_DISTANCE = 0.446;

    /** The network's four outputs: scores and regressors of the 16 x 16 grid, then the 8 x 8. */
    private static final List<String> OUTPUTS =
            List.of("Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0");

    /**
     * The network measures from the input's outer edge; boxes keep that convention, while points
     * are given in pixel-centre coordinates (pixel {@code i} spans {@code i - 0.5 .. i + 0.5}), the
     * convention of OpenCV's geometric transforms that alignment uses.
     */
    private static final double PIXEL_CENTRE = 0.5;

    private final BlazeFaceModel model;
    private final double minScore;
    private final Net net;

    /**
     * Opens a model with MediaPipe's default thresholds, fetching the ONNX file on first use.
     *
     * @throws IOException if the model file cannot be had; the message says how to place it
     */
    public BlazeFaceDetector(BlazeFaceModel model) throws IOException {
        this(model, model.onnxFile(), BlazeFaceDecoder.DEFAULT_MIN_SCORE);
    }

    /**
     * @param model which network the file holds
     * @param onnxFile the network, as shipped in the npm package
     * @param minScore faces below this probability are dropped (default 0.5)
     */
    public BlazeFaceDetector(BlazeFaceModel model, Path onnxFile, double minScore) {
        OpenCvLibrary.load();
        this.model = model;
        this.minScore = minScore;
        this.net = Dnn.readNetFromONNX(onnxFile.toString());
        // OpenCV 4.9 fuses BlazeFace's max-pool with the channel padding that follows it into a
        // layer that fails its own shape check; unfused, the network runs.
        this.net.enableFusion(false);
    }

    @Override
    public List<DetectedFace> detect(Mat bgr) {
        if (bgr.empty() || bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException(
                    "BlazeFace needs an 8-bit three-channel BGR picture, got "
                            + CvType.typeToString(bgr.type()));
        }
        Letterbox letterbox = Letterbox.fit(bgr.cols(), bgr.rows(), model.inputSizePx());

        Mat input = toInputTensor(bgr, letterbox);
        List<Candidate> candidates = run(input);
        input.release();

        List<DetectedFace> faces = new ArrayList<>();
        for (Candidate c : BlazeFaceDecoder.blend(candidates, BlazeFaceDecoder.DEFAULT_BLEND_IOU)) {
            faces.add(toFace(c, letterbox));
        }
        return faces;
    }

    @Override
    public String name() {
        return "blazeface:" + model.name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** The letterboxed picture as a {@code 1 x S x S x 3} RGB float tensor in [-1, 1]. */
    private Mat toInputTensor(Mat bgr, Letterbox letterbox) {
        int size = model.inputSizePx();
        Mat resized = new Mat();
        int interpolation =
                letterbox.scaledWidth() < bgr.cols() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(
                bgr,
                resized,
                new Size(letterbox.scaledWidth(), letterbox.scaledHeight()),
                0,
                0,
                interpolation);
        Mat square = new Mat();
        Core.copyMakeBorder(
                resized,
                square,
                letterbox.top(),
                size - letterbox.scaledHeight() - letterbox.top(),
                letterbox.left(),
                size - letterbox.scaledWidth() - letterbox.left(),
                Core.BORDER_CONSTANT,
                new Scalar(0, 0, 0));
        Imgproc.cvtColor(square, square, Imgproc.COLOR_BGR2RGB);
        Mat floats = new Mat();
        square.convertTo(floats, CvType.CV_32FC3, 1 / 127.5, -1);
        resized.release();
        square.release();
        Mat tensor = floats.reshape(1, new int[] {1, size, size, 3}).clone();
        floats.release();
        return tensor;
    }

    private List<Candidate> run(Mat input) {
        net.setInput(input);
        List<Mat> outputs = new ArrayList<>();
        net.forward(outputs, OUTPUTS);
        float[] logits = concat(outputs.get(0), outputs.get(1));
        float[] regressors = concat(outputs.get(2), outputs.get(3));
        outputs.forEach(Mat::release);
        return BlazeFaceDecoder.decode(logits, regressors, model.inputSizePx(), minScore);
    }

    private static float[] concat(Mat first, Mat second) {
        int a = (int) first.total();
        int b = (int) second.total();
        float[] values = new float[a + b];
        float[] part = new float[Math.max(a, b)];
        first.reshape(1, 1).get(0, 0, part);
        System.arraycopy(part, 0, values, 0, a);
        second.reshape(1, 1).get(0, 0, part);
        System.arraycopy(part, 0, values, a, b);
        return values;
    }

    private DetectedFace toFace(Candidate c, Letterbox letterbox) {
        double[] g = c.geometry();
        int size = model.inputSizePx();
        double width = g[2] * size / letterbox.scaleX();
        double height = g[3] * size / letterbox.scaleY();
        Box box =
                new Box(
                        letterbox.toPictureX(g[0] * size) - width / 2,
                        letterbox.toPictureY(g[1] * size) - height / 2,
                        width,
                        height);
        Landmarks.Point[] keypoints = new Landmarks.Point[4];
        for (int k = 0; k < keypoints.length; k++) {
            int j = Candidate.FIRST_KEYPOINT + 2 * k;
            keypoints[k] =
                    new Landmarks.Point(
                            letterbox.toPictureX(g[j] * size) - PIXEL_CENTRE,
                            letterbox.toPictureY(g[j + 1] * size) - PIXEL_CENTRE);
        }
        return new DetectedFace(box, c.score(), fiveLandmarks(keypoints));
    }

    /**
     * BlazeFace's keypoints 0 and 1 are the subject's right and left eye, which in an unmirrored
     * photo are the image's left and right.
     */
    static Landmarks fiveLandmarks(Landmarks.Point[] keypoints) {
        Landmarks.Point leftEye = keypoints[0];
        Landmarks.Point rightEye = keypoints[1];
        Landmarks.Point mouth = keypoints[3];
        double dx = (rightEye.x() - leftEye.x()) * MOUTH_HALF_WIDTH_PER_EYE_DISTANCE;
        double dy = (rightEye.y() - leftEye.y()) * MOUTH_HALF_WIDTH_PER_EYE_DISTANCE;
        return new Landmarks(
                leftEye,
                rightEye,
                keypoints[2],
                new Landmarks.Point(mouth.x() - dx, mouth.y() - dy),
                new Landmarks.Point(mouth.x() + dx, mouth.y() + dy));
    }

    @Override
    public void close() {
        // The Java binding frees the network when it is collected; nothing to release early.
    }
}
