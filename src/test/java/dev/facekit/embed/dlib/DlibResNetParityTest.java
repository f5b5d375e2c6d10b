package dev.facekit.embed.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facekit.TestDatasets;
import dev.facekit.bench.FixedCrop;
import dev.facekit.image.ImageDecoder;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Checks that facekit's Java port of dlib's ResNet computes what {@code @vladmandic/face-api}'s own
 * TensorFlow.js code computes from the same weights, to 1e-5 per value of the raw descriptor.
 *
 * <p>The reference values for the test pattern were made by {@code src/test/node/
 * dlib-resnet-reference.cjs} and are committed, so the first check needs only the weights
 * (downloaded once into the facekit cache). The second runs that script under Node, when {@code
 * node} is on the PATH, on the test pattern and on a real LFW face.
 */
class DlibResNetParityTest {

    /** Per-value tolerance on raw descriptors, whose values lie within about +-0.3. */
    private static final double TOLERANCE = 1e-5;

    private static final Path NODE_SCRIPT = Path.of("src/test/node/dlib-resnet-reference.cjs");

    private static DlibResNetEmbedder embedder;

    @TempDir Path scratch;

    @BeforeAll
    static void openModel() {
        OpenCvLibrary.load();
        try {
            embedder = DlibResNetEmbedder.open();
        } catch (IOException e) {
            assumeTrue(false, "Skipped: dlib's weights are neither cached nor downloadable: " + e);
        }
    }

    @AfterAll
    static void closeModel() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void matchesTheCommittedTensorflowJsDescriptorOfTheTestPattern() throws IOException {
        float[] expected = readDescriptor(resource("tfjs-test-pattern-descriptor.json"));

        float[] actual = embedder.descriptors(List.of(testPattern()))[0];

        assertClose(expected, actual);
    }

    @Test
    void matchesTensorflowJsRunByNodeOnTheTestPatternAndARealFace() throws Exception {
        assumeTrue(nodeAvailable(), "Skipped: `node` (Node.js 20) is not on the PATH");
        Path faceApiJs = DlibResNetEmbedder.FACE_API.file("dist/face-api.js");
        Path manifest = DlibResNetEmbedder.FACE_API.file(DlibResNetEmbedder.MANIFEST_IN_PACKAGE);

        float[] fromNode = readDescriptor(runNode(faceApiJs, manifest, null));
        assertClose(fromNode, embedder.descriptors(List.of(testPattern()))[0]);

        Mat face = realFaceChip();
        Path rgbFile = scratch.resolve("chip.rgb");
        Files.write(rgbFile, rgbBytes(face));
        float[] faceFromNode = readDescriptor(runNode(faceApiJs, manifest, rgbFile));
        assertClose(faceFromNode, embedder.descriptors(List.of(face))[0]);
    }

    /**
     * The deterministic test chip, as a BGR image: the same integer formula as {@code testPattern}
     * in the Node script, which defines it in RGB.
     */
    static Mat testPattern() {
        int side = DlibResNet.INPUT_SIZE_PX;
        byte[] bgr = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int square = (x / 15 + y / 15) % 2;
                for (int c = 0; c < 3; c++) {
                    int value = (x * (c + 2) + y * (3 - c) * 2 + square * 90 + c * 40) % 256;
                    bgr[(y * side + x) * 3 + (2 - c)] = (byte) value;
                }
            }
        }
        Mat chip = new Mat(side, side, CvType.CV_8UC3);
        chip.put(0, 0, bgr);
        return chip;
    }

    private static Mat realFaceChip() throws Exception {
        Path image = TestDatasets.lfwTiny().resolve("eval/Abdullah_Gul/Abdullah_Gul_0013.jpg");
        Mat photo = new ImageDecoder().read(image).bgr();
        return FixedCrop.LFW_DLIB.cut(photo);
    }

    private static byte[] rgbBytes(Mat bgr) {
        Mat rgb = new Mat();
        Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        byte[] bytes = new byte[(int) (rgb.total() * rgb.channels())];
        rgb.get(0, 0, bytes);
        return bytes;
    }

    private static boolean nodeAvailable() {
        try {
            Process process = new ProcessBuilder("node", "--version").start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String runNode(Path faceApiJs, Path manifest, Path rgbFile) throws Exception {
        List<String> command =
                rgbFile == null
                        ? List.of(
                                "node",
                                NODE_SCRIPT.toString(),
                                faceApiJs.toString(),
                                manifest.toString())
                        : List.of(
                                "node",
                                NODE_SCRIPT.toString(),
                                faceApiJs.toString(),
                                manifest.toString(),
                                rgbFile.toString());
        Process process =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assumeTrue(process.waitFor(120, TimeUnit.SECONDS), "node did not finish in 120 s");
        assertEquals(0, process.exitValue(), "node " + NODE_SCRIPT + " failed; see stderr");
        return output;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DlibResNetParityTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static float[] readDescriptor(String json) {
        JsonObject object = JsonParser.parseString(json).getAsJsonObject();
        var values = object.getAsJsonArray("descriptor");
        float[] descriptor = new float[values.size()];
        for (int i = 0; i < descriptor.length; i++) {
            descriptor[i] = values.get(i).getAsFloat();
        }
        return descriptor;
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(DlibResNet.DESCRIPTOR_SIZE, expected.length);
        assertEquals(DlibResNet.DESCRIPTOR_SIZE, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertEquals(0, worst, TOLERANCE, "largest difference from TensorFlow.js");
    }
}
