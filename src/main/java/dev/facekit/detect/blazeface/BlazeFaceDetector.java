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
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

/**
 * Finds faces with MediaPipe BlazeFace and gives each a box, a probability and five landmarks.
 *
 * <p>The picture is letterboxed: scaled, keeping its aspect ratio, so that its longer side fills
 * the model's square input, and centred on black. Where that would leave faces of 40 px or more too
 * small for the model, overlapping tiles of the picture are searched as well ({@link TileGrid}).
 * Predictions are decoded, mapped back to the picture's pixels and blended by {@link
 * BlazeFaceDecoder}.
 *
 * <p>BlazeFace places the eyes, the nose tip and the centre of the mouth, not the mouth corners
 * that five-point alignment templates use. The corners are put on the line through the mouth centre
 * parallel to the eyes, {@value #MOUTH_HALF_WIDTH_PER_EYE_DISTANCE} eye distances to either side:
 * the proportion of dlib's 150 px template (mouth 47.2 px wide, eyes 52.9 px apart). Their midpoint
 * is exactly the detected mouth centre.
 *
 * <p>By default the network also sees the mirror image of the input square, and its predictions,
 * mirrored back, are blended with the others. BlazeFace is not mirror-symmetric: on LFW a landmark
 * moves by 2.4 px on average between a photo and its mirror image. Blending both halves that
 * disagreement and makes the result mirror-consistent: the landmarks of a mirrored photo are the
 * mirrored landmarks of the photo, up to rounding, so aligned chips mirror too.
 *
 * <p>Limitation: tiles stop at two levels, so the front model misses faces narrower than about 0.05
 * of the picture's longer side (60 px in a 1250 px photo), the back model those below about 0.015;
 * and no tiles are spent on faces under 40 px.
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

    /** Tile predictions closer than this fraction of the tile to an inner edge are dropped. */
    private static final double TILE_EDGE_MARGIN = 0.02;

    private final BlazeFaceModel model;
    private final double minScore;
    private final boolean mirrorAveraging;
    private final Net net;

    /**
     * Opens a model with MediaPipe's default thresholds and mirror averaging, fetching the ONNX
     * file on first use.
     *
     * @throws IOException if the model file cannot be had; the message says how to place it
     */
    public BlazeFaceDetector(BlazeFaceModel model) throws IOException {
        this(model, model.onnxFile(), BlazeFaceDecoder.DEFAULT_MIN_SCORE, true);
    }

    /**
     * @param model which network the file holds
     * @param onnxFile the network, as shipped in the npm package
     * @param minScore faces below this probability are dropped (default 0.5)
     * @param mirrorAveraging whether to run the network on the picture and on its mirror image and
     *     blend both (default true): twice the time, steadier landmarks, mirror-consistent results
     */
    public BlazeFaceDetector(
            BlazeFaceModel model, Path onnxFile, double minScore, boolean mirrorAveraging) {
        OpenCvLibrary.load();
        this.model = model;
        this.minScore = minScore;
        this.mirrorAveraging = mirrorAveraging;
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
        Rect whole = new Rect(0, 0, bgr.cols(), bgr.rows());
        List<Candidate> candidates = new ArrayList<>(candidatesIn(bgr, whole));
        for (Rect tile : TileGrid.tiles(bgr.cols(), bgr.rows(), model.minFaceFraction())) {
            Mat region = bgr.submat(tile);
            for (Candidate c : candidatesIn(region, tile)) {
                if (clearOfInnerEdges(c, tile, whole)) {
                    candidates.add(c);
                }
            }
            region.release();
        }

        List<DetectedFace> faces = new ArrayList<>();
        for (Candidate c : BlazeFaceDecoder.blend(candidates, BlazeFaceDecoder.DEFAULT_BLEND_IOU)) {
            faces.add(toFace(c));
        }
        return faces;
    }

    /** Every prediction in one region of the picture, in the picture's pixels. */
    private List<Candidate> candidatesIn(Mat region, Rect where) {
        int size = model.inputSizePx();
        Letterbox letterbox = Letterbox.fit(region.cols(), region.rows(), size);
        Mat square = letterboxed(region, letterbox);

        List<Candidate> found = new ArrayList<>(run(square));
        if (mirrorAveraging) {
            Core.flip(square, square, 1);
            run(square).forEach(c -> found.add(c.mirrored()));
        }
        square.release();

        double scaleX = size / letterbox.scaleX();
        double scaleY = size / letterbox.scaleY();
        double offsetX = where.x - letterbox.left() / letterbox.scaleX();
        double offsetY = where.y - letterbox.top() / letterbox.scaleY();
        return found.stream().map(c -> c.mapped(scaleX, scaleY, offsetX, offsetY)).toList();
    }

    /**
     * Whether a prediction made in a tile keeps off the tile's edges that lie inside the picture: a
     * face cut by such an edge is seen whole by a neighbouring tile or the whole-picture pass, and
     * its cut half would drag the blended landmarks.
     */
    private static boolean clearOfInnerEdges(Candidate c, Rect tile, Rect whole) {
        double margin = TILE_EDGE_MARGIN * tile.width;
        boolean leftInside = tile.x > 0;
        boolean topInside = tile.y > 0;
        boolean rightInside = tile.x + tile.width < whole.width;
        boolean bottomInside = tile.y + tile.height < whole.height;
        return !(leftInside && c.left() < tile.x + margin)
                && !(topInside && c.top() < tile.y + margin)
                && !(rightInside && c.right() > tile.x + tile.width - margin)
                && !(bottomInside && c.bottom() > tile.y + tile.height - margin);
    }

    @Override
    public String name() {
        String base = "blazeface:" + model.name().toLowerCase(Locale.ROOT).replace("_", "");
        return mirrorAveraging ? base : base + ":single-pass";
    }

    /** The picture scaled into the model's input square, centred on black, in RGB order. */
    private Mat letterboxed(Mat bgr, Letterbox letterbox) {
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
        resized.release();
        Imgproc.cvtColor(square, square, Imgproc.COLOR_BGR2RGB);
        return square;
    }

    /** Runs the network on an RGB input square as a {@code 1 x S x S x 3} tensor in [-1, 1]. */
    private List<Candidate> run(Mat square) {
        int size = model.inputSizePx();
        Mat floats = new Mat();
        square.convertTo(floats, CvType.CV_32FC3, 1 / 127.5, -1);
        Mat input = floats.reshape(1, new int[] {1, size, size, 3});
        net.setInput(input);
        List<Mat> outputs = new ArrayList<>();
        net.forward(outputs, OUTPUTS);
        float[] logits = concat(outputs.get(0), outputs.get(1));
        float[] regressors = concat(outputs.get(2), outputs.get(3));
        outputs.forEach(Mat::release);
        floats.release();
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

    /** A face from a blended prediction in picture pixels. */
    private static DetectedFace toFace(Candidate c) {
        double[] g = c.geometry();
        Box box = new Box(c.left(), c.top(), g[2], g[3]);
        Landmarks.Point[] keypoints = new Landmarks.Point[4];
        for (int k = 0; k < keypoints.length; k++) {
            int j = Candidate.FIRST_KEYPOINT + 2 * k;
            keypoints[k] = new Landmarks.Point(g[j] - PIXEL_CENTRE, g[j + 1] - PIXEL_CENTRE);
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
