package dev.facekit.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.HaarCascadeDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class PhotoEmbedderTest {

    @TempDir Path dir;

    /** A stand-in model: the chip's mean colour and size, normalised; enough to follow chips. */
    static final class MeanColourEmbedder implements FaceEmbedder {
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public ModelInfo info() {
            return new ModelInfo("mean-colour", "0", 64, 4, "box", 0.5);
        }

        @Override
        public float[][] embed(List<Mat> chips) {
            batchSizes.add(chips.size());
            float[][] out = new float[chips.size()][];
            for (int i = 0; i < chips.size(); i++) {
                Scalar mean = Core.mean(chips.get(i));
                float[] v = {
                    (float) mean.val[0],
                    (float) mean.val[1],
                    (float) mean.val[2],
                    chips.get(i).cols()
                };
                double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
                for (int j = 0; j < 4; j++) {
                    v[j] /= (float) norm;
                }
                out[i] = v;
            }
            return out;
        }

        @Override
        public void close() {}
    }

    @Test
    void embedsTheMainFaceOfEachPhotoInBatchesAndMarksBadFiles() throws Exception {
        Path person = TestDatasets.lfwTiny().resolve("train/Harrison_Ford");
        Path bad = Files.writeString(dir.resolve("bad.jpg"), "nope");
        List<Path> photos =
                List.of(
                        person.resolve("Harrison_Ford_0001.jpg"),
                        bad,
                        person.resolve("Harrison_Ford_0002.jpg"),
                        person.resolve("Harrison_Ford_0003.jpg"));
        MeanColourEmbedder model = new MeanColourEmbedder();
        List<Path> seen = new ArrayList<>();

        List<Optional<EmbeddedFace>> results;
        try (PhotoEmbedder embedder =
                new PhotoEmbedder(
                        HaarCascadeDetector.createDefault(), new FaceCropper(64, 0), model, 2)) {
            results = embedder.embedMain(photos, seen::add);
        }

        assertEquals(photos, seen);
        assertTrue(results.get(0).isPresent());
        assertTrue(results.get(1).isEmpty());
        assertTrue(results.get(2).isPresent() && results.get(3).isPresent());
        assertEquals(List.of(2, 1), model.batchSizes);
        assertEquals(1.0, sumOfSquares(results.get(0).get().embedding()), 1e-5);
        assertTrue(results.get(0).get().face().box().contains(125, 125));
    }

    @Test
    void embedsEveryFaceOfOnePhotoLikeTheBatchedPath() throws Exception {
        Path photo = TestDatasets.lfwTiny().resolve("train/Harrison_Ford/Harrison_Ford_0001.jpg");
        try (PhotoEmbedder embedder =
                new PhotoEmbedder(
                        HaarCascadeDetector.createDefault(),
                        new FaceCropper(64, 0),
                        new MeanColourEmbedder(),
                        8)) {
            List<EmbeddedFace> all = embedder.embedAll(photo);
            EmbeddedFace main = embedder.embedMain(List.of(photo), p -> {}).get(0).orElseThrow();

            assertEquals(1, all.size());
            assertArrayEquals(main.embedding(), all.get(0).embedding());
        }
    }

    private static double sumOfSquares(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return s;
    }
}
