package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facekit.TestDatasets;
import dev.facekit.bench.FixedCrop;
import dev.facekit.embed.ModelInfo;
import dev.facekit.gallery.Gallery;
import dev.facekit.gallery.GalleryFile;
import dev.facekit.image.ImageDecoder;
import dev.facekit.search.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * enroll, identify and verify on real faces with dlib's pretrained ResNet. The images are chips cut
 * from lfw-tiny at a fixed box (the region a dlib chip covers in deep-funneled LFW), so the test
 * does not depend on a landmark detector.
 */
class RecognitionCommandsTest {

    @TempDir static Path dir;

    private static Path gallery;
    private static Path probes;

    /** Chips of images 1-3 of every training person as the gallery; image 4 and strangers probe. */
    @BeforeAll
    static void cutChips() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        gallery = dir.resolve("gallery");
        probes = Files.createDirectories(dir.resolve("probes"));
        try (Stream<Path> people = Files.list(TestDatasets.lfwTiny().resolve("train"))) {
            for (Path person : people.sorted().toList()) {
                String name = person.getFileName().toString();
                Path folder = Files.createDirectories(gallery.resolve(name));
                for (int i = 1; i <= 4; i++) {
                    String file = String.format(Locale.ROOT, "%s_%04d", name, i);
                    Path target =
                            i < 4 ? folder.resolve(file + ".png") : probes.resolve(file + ".png");
                    writeChip(decoder, person.resolve(file + ".jpg"), target);
                }
            }
        }
        try (Stream<Path> strangers = Files.walk(TestDatasets.lfwTiny().resolve("eval"))) {
            for (Path image :
                    strangers
                            .filter(p -> p.toString().endsWith("_0001.jpg"))
                            .sorted()
                            .limit(10)
                            .toList()) {
                writeChip(
                        decoder, image, probes.resolve("stranger_" + image.getFileName() + ".png"));
            }
        }
    }

    private static void writeChip(ImageDecoder decoder, Path image, Path target) throws Exception {
        Mat chip = FixedCrop.LFW_DLIB.cut(decoder.read(image).bgr());
        Imgcodecs.imwrite(target.toString(), chip);
        chip.release();
    }

    @Test
    void enrolsIdentifiesAndVerifies() {
        Path db = dir.resolve("faces.npz");

        CommandLineRun enrol =
                CommandLineRun.of(
                        "enroll",
                        "dlib-resnet",
                        gallery.toString(),
                        "--db",
                        db.toString(),
                        "--chips");
        CommandLineRun again =
                CommandLineRun.of(
                        "enroll",
                        "dlib-resnet",
                        gallery.toString(),
                        "--db",
                        db.toString(),
                        "--chips");
        CommandLineRun identify =
                CommandLineRun.of(
                        "identify",
                        "--db",
                        db.toString(),
                        "--chips",
                        "--show-distance",
                        probes.toString());

        assertEquals(0, enrol.status(), enrol.err());
        JsonObject summary = JsonParser.parseString(enrol.out()).getAsJsonObject();
        assertEquals(48, summary.get("added").getAsInt());
        assertEquals(16, summary.get("database_people").getAsInt());
        assertEquals(
                0, JsonParser.parseString(again.out()).getAsJsonObject().get("added").getAsInt());

        assertEquals(0, identify.status(), identify.err());
        List<String> rows = identify.out().lines().toList();
        assertEquals(26, rows.size());
        long recognised =
                rows.stream()
                        .filter(r -> !r.contains("stranger_"))
                        .filter(
                                r -> {
                                    String probe =
                                            Path.of(r.split(",")[0]).getFileName().toString();
                                    return probe.startsWith(r.split(",")[1] + "_");
                                })
                        .count();
        long strangersRejected =
                rows.stream()
                        .filter(r -> r.contains("stranger_") && r.contains(",unknown_person,None"))
                        .count();
        // Measured: 16 of 16 recognised at distances 0.21-0.36; 6 of 10 strangers rejected, the
        // other 4 matched at 0.38-0.43. The model's threshold (0.445) was calibrated for
        // verification of pairs; the nearest of 16 people is a harder, open-set question.
        assertTrue(recognised >= 15, recognised + " of 16 recognised:\n" + identify.out());
        assertTrue(
                strangersRejected >= 5,
                strangersRejected + " of 10 strangers rejected:\n" + identify.out());
        assertTrue(rows.get(0).matches(".*,[A-Za-z_]+,0\\.\\d{6}"), rows.get(0));

        Path a = gallery.resolve("Harrison_Ford/Harrison_Ford_0001.png");
        Path b = probes.resolve("Harrison_Ford_0004.png");
        Path c = gallery.resolve("Monica_Seles/Monica_Seles_0001.png");
        CommandLineRun same = CommandLineRun.of("verify", a.toString(), b.toString(), "--chips");
        CommandLineRun different =
                CommandLineRun.of("verify", a.toString(), c.toString(), "--chips", "--json");
        assertTrue(
                same.out().startsWith("same person: euclidean distance 0."),
                same.out() + same.err());
        JsonObject verdict = JsonParser.parseString(different.out()).getAsJsonObject();
        assertEquals(false, verdict.get("same_person").getAsBoolean());
        assertEquals(0.445, verdict.get("threshold").getAsDouble(), 1e-9);
        assertEquals("dlib-resnet", verdict.get("model").getAsString());
    }

    @Test
    void thresholdAndTopKShapeTheRows() {
        Path db = dir.resolve("options.npz");
        CommandLineRun.of(
                "enroll", "dlib-resnet", gallery.toString(), "--db", db.toString(), "--chips");
        Path probe = probes.resolve("Harrison_Ford_0004.png");

        CommandLineRun strict =
                CommandLineRun.of(
                        "identify",
                        "--db",
                        db.toString(),
                        "--chips",
                        "--threshold",
                        "0",
                        probe.toString());
        CommandLineRun loose =
                CommandLineRun.of(
                        "identify",
                        "--db",
                        db.toString(),
                        "--chips",
                        "--tolerance",
                        "2",
                        "--top-k",
                        "3",
                        probe.toString());

        assertEquals(List.of(probe + ",unknown_person"), strict.out().lines().toList());
        List<String> rows = loose.out().lines().toList();
        assertEquals(3, rows.size());
        assertEquals(probe + ",Harrison_Ford", rows.get(0));
    }

    @Test
    void refusesToSearchADatabaseOfAnotherModel() throws Exception {
        Path db = dir.resolve("other.npz");
        ModelInfo other = new ModelInfo("someone-elses", "0123", 112, 128, "box", 1.0);
        GalleryFile.write(Gallery.forModel(other, "dlib-resnet", Metric.EUCLIDEAN), db);

        CommandLineRun run =
                CommandLineRun.of("identify", "--db", db.toString(), "--chips", probes.toString());

        assertEquals(2, run.status());
        assertTrue(run.err().contains("'someone-elses' (fingerprint 0123)"), run.err());
        assertTrue(run.err().contains("'dlib-resnet' (fingerprint b413e420"), run.err());
    }
}
