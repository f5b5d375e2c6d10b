package dev.facekit.embed.dlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facekit.TestDatasets;
import dev.facekit.bench.FixedCrop;
import dev.facekit.bench.LfwPairs;
import dev.facekit.embed.ModelInfo;
import dev.facekit.image.ImageDecoder;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class DlibResNetEmbedderTest {

    /** SHA-256 of face-api 1.7.15's model/face_recognition_model.bin. */
    private static final String WEIGHTS_SHA256 =
            "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589";

    private static DlibResNetEmbedder embedder;

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
    void describesItself() {
        ModelInfo info = embedder.info();

        assertEquals("dlib-resnet", info.name());
        assertEquals(WEIGHTS_SHA256, info.fingerprint());
        assertEquals(150, info.inputSizePx());
        assertEquals(128, info.embeddingSize());
        assertEquals("dlib150", info.framing());
        assertEquals(DlibResNetEmbedder.THRESHOLD_L2, info.thresholdL2());
    }

    @Test
    void embeddingsAreTheDescriptorsScaledToUnitLength() {
        Mat chip = DlibResNetParityTest.testPattern();

        float[] raw = embedder.descriptors(List.of(chip))[0];
        float[] unit = embedder.embed(List.of(chip))[0];

        double norm = norm(raw);
        assertEquals(1.0, norm(unit), 1e-6);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] / norm, unit[i], 1e-6);
        }
    }

    @Test
    void givesTheSameDescriptorsWhateverTheBatchSize() throws IOException {
        List<Mat> chips = new ArrayList<>();
        Mat pattern = DlibResNetParityTest.testPattern();
        for (int shift = 0; shift < 7; shift++) {
            Mat shifted = new Mat();
            org.opencv.core.Core.add(
                    pattern, new org.opencv.core.Scalar(shift * 9, shift * 5, shift * 3), shifted);
            chips.add(shifted);
        }
        Path manifest = DlibResNetEmbedder.FACE_API.file(DlibResNetEmbedder.MANIFEST_IN_PACKAGE);

        float[][] inBatchesOfThree;
        try (DlibResNetEmbedder small = DlibResNetEmbedder.open(manifest, 3)) {
            inBatchesOfThree = small.descriptors(chips);
        }
        float[][] inOneBatch = embedder.descriptors(chips);

        for (int n = 0; n < chips.size(); n++) {
            for (int i = 0; i < 128; i++) {
                assertEquals(inOneBatch[n][i], inBatchesOfThree[n][i], 1e-5);
            }
        }
    }

    @Test
    void acceptsGreyscaleAndOtherSizesAndRefusesOtherDepths() {
        Mat pattern = DlibResNetParityTest.testPattern();
        Mat grey = new Mat();
        Imgproc.cvtColor(pattern, grey, Imgproc.COLOR_BGR2GRAY);
        Mat large = new Mat();
        Imgproc.resize(pattern, large, new Size(300, 300));

        float[][] embeddings = embedder.embed(List.of(grey, large));

        assertEquals(1.0, norm(embeddings[0]), 1e-6);
        assertEquals(1.0, norm(embeddings[1]), 1e-6);
        Mat floats = new Mat();
        pattern.convertTo(floats, org.opencv.core.CvType.CV_32F);
        assertThrows(IllegalArgumentException.class, () -> embedder.embed(List.of(floats)));
    }

    @Test
    void separatesLfwTinyPairsAtTheCalibratedThreshold() throws Exception {
        Path tiny = TestDatasets.lfwTiny();
        LfwPairs pairs = LfwPairs.read(tiny.resolve("pairs_tiny.txt"));
        List<String> images = pairs.images();
        List<Mat> chips = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        for (String image : images) {
            chips.add(
                    FixedCrop.LFW_DLIB.cut(
                            decoder.read(tiny.resolve("eval").resolve(image)).bgr()));
        }

        float[][] embeddings = embedder.embed(chips);

        Map<String, float[]> byImage = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            byImage.put(images.get(i), embeddings[i]);
        }
        int correct = 0;
        for (LfwPairs.Pair pair : pairs.pairs()) {
            double distance = distance(byImage.get(pair.first()), byImage.get(pair.second()));
            if ((distance < embedder.info().thresholdL2()) == pair.samePerson()) {
                correct++;
            }
        }
        // 80 DevTest pairs, from a fixed crop rather than an aligned chip.
        assertTrue(correct >= 74, correct + " of 80 pairs judged right");
    }

    private static double norm(float[] v) {
        return distance(v, new float[v.length]);
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
