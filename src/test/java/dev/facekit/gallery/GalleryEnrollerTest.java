package dev.facekit.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facekit.PythonNumpy;
import dev.facekit.TestDatasets;
import dev.facekit.align.FaceAligner;
import dev.facekit.detect.FaceDetectors;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.opencv.OpenCvLibrary;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrols real faces (lfw-tiny) with dlib's pretrained ResNet through BlazeFace and dlib-style
 * alignment. Recognition of held-out images and strangers is tested through the command line, in
 * {@code RecognitionCommandsTest}.
 */
class GalleryEnrollerTest {

    private static PhotoEmbedder embedder;

    @TempDir Path dir;

    @BeforeAll
    static void openModel() {
        TestDatasets.lfwTiny();
        OpenCvLibrary.load();
        FaceEmbedder model;
        try {
            model = EmbeddingModels.open("dlib-resnet");
        } catch (IOException e) {
            assumeTrue(false, "Skipped: dlib's weights are neither cached nor downloadable: " + e);
            return;
        }
        try {
            embedder =
                    new PhotoEmbedder(
                            FaceDetectors.open(FaceDetectors.BLAZEFACE),
                            FaceAligner.forTemplate(model.info().framing()),
                            model,
                            PhotoEmbedder.DEFAULT_BATCH_SIZE);
        } catch (IOException e) {
            model.close();
            assumeTrue(
                    false, "Skipped: BlazeFace's model is neither cached nor downloadable: " + e);
        }
    }

    @AfterAll
    static void closeModel() {
        if (embedder != null) {
            embedder.close();
        }
    }

    /** Copies the first three images of every training person; the fourth is held out. */
    private Path enrolmentTree() throws IOException {
        Path gallery = dir.resolve("gallery");
        try (Stream<Path> people = Files.list(TestDatasets.lfwTiny().resolve("train"))) {
            for (Path person : people.sorted().toList()) {
                Path target = Files.createDirectories(gallery.resolve(person.getFileName()));
                for (int i = 1; i <= 3; i++) {
                    String name =
                            String.format(Locale.ROOT, "%s_%04d.jpg", person.getFileName(), i);
                    Files.copy(person.resolve(name), target.resolve(name));
                }
            }
        }
        return gallery;
    }

    @Test
    void addsOnlyNewImagesOnASecondRun() throws IOException {
        Path gallery = enrolmentTree();
        Path db = dir.resolve("faces.npz");
        GalleryEnroller enroller =
                new GalleryEnroller(embedder, "dlib-resnet", Metric.EUCLIDEAN, false);

        EnrolmentSummary first = enroller.enrol(gallery, db);
        Path person = TestDatasets.lfwTiny().resolve("train/Harrison_Ford");
        Files.copy(
                person.resolve("Harrison_Ford_0004.jpg"), gallery.resolve("Harrison_Ford/new.jpg"));
        Files.copy(
                person.resolve("Harrison_Ford_0001.jpg"),
                gallery.resolve("Harrison_Ford/same-bytes-new-name.jpg"));
        EnrolmentSummary second = enroller.enrol(gallery, db);

        assertEquals(48, first.images());
        assertEquals(48, first.added());
        assertEquals(16, first.databasePeople());
        assertEquals(50, second.images());
        assertEquals(49, second.alreadyEnrolled());
        assertEquals(1, second.added());
        assertEquals(49, second.databaseFaces());
        PersonMatch match =
                GalleryFile.read(db)
                        .nearestPeople(embedder.model(), embedding(person, 4), 1)
                        .get(0);
        assertEquals("Harrison_Ford", match.person());
        assertEquals(0.0, match.distance(), 1e-5);
    }

    private static float[] embedding(Path person, int image) {
        Path photo = person.resolve(String.format(Locale.ROOT, "Harrison_Ford_%04d.jpg", image));
        return embedder.embedMain(List.of(photo), p -> {}).get(0).orElseThrow().embedding();
    }

    @Test
    void numpyReadsTheEnrolledEmbeddingsUnchanged() throws IOException {
        PythonNumpy.assumePresent();
        Path gallery = dir.resolve("two");
        Path person = TestDatasets.lfwTiny().resolve("train/Harrison_Ford");
        Files.createDirectories(gallery.resolve("Harrison Ford ★"));
        Files.copy(
                person.resolve("Harrison_Ford_0001.jpg"), gallery.resolve("Harrison Ford ★/a.jpg"));
        Path db = dir.resolve("two.npz");
        new GalleryEnroller(embedder, "dlib-resnet", Metric.COSINE, false).enrol(gallery, db);
        Gallery faces = GalleryFile.read(db);
        float[] row = faces.embeddingRows();

        String script =
                "import sys, numpy as np\n"
                        + "d = np.load(sys.argv[1], allow_pickle=False)\n"
                        + "print(d['label_strings'][d['labels'][0]], d['sources'][0])\n"
                        + "print(' '.join(repr(float(x)) for x in d['embeddings'][0]))\n";
        String[] lines = PythonNumpy.output(script, db.toString()).split("\n");

        assertEquals("Harrison Ford ★ Harrison Ford ★/a.jpg", lines[0]);
        String[] values = lines[1].split(" ");
        assertEquals(128, values.length);
        List<Float> mismatches = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            if (Float.parseFloat(values[i]) != row[i]) {
                mismatches.add(row[i]);
            }
        }
        assertEquals(List.of(), mismatches, "NumPy must see the exact float32 values");
    }
}
