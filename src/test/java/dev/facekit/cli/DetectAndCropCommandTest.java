package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facekit.TestDatasets;
import dev.facekit.detect.HaarCascadeDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectAndCropCommandTest {

    @TempDir Path dir;

    @Test
    void detectPrintsOneCsvRowPerFaceAndSavesCrops() throws Exception {
        Path person = TestDatasets.lfwTiny().resolve("train/Monica_Seles");

        CommandLineRun run =
                CommandLineRun.of("detect", person.toString(), "--crops", dir.toString());

        List<String> rows = run.out().lines().toList();
        assertEquals(0, run.status(), run.err());
        assertEquals(DetectCommand.HEADER, rows.get(0));
        assertEquals(4, rows.stream().filter(r -> r.contains("Monica_Seles_000")).count());
        assertTrue(
                rows.get(1)
                        .matches(
                                ".*Monica_Seles_0001.jpg,0,\\d+,\\d+,\\d+,\\d+,[0-9.]+(,[0-9.]+){10}"),
                rows.get(1));
        assertTrue(Files.exists(dir.resolve("Monica_Seles_0001_0.jpg")));
    }

    @Test
    void detectSaysNoFacesFoundForABlankPicture() throws Exception {
        Path blank = dir.resolve("blank.png");
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(
                        120, 120, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png",
                blank.toFile());

        CommandLineRun run = CommandLineRun.of("detect", blank.toString());

        assertEquals(blank + ",no_faces_found" + ",".repeat(15), run.out().lines().toList().get(1));
    }

    @Test
    void cropPrintsAJsonSummary() {
        Path src = TestDatasets.lfwTiny().resolve("train");

        CommandLineRun run =
                CommandLineRun.of(
                        "crop", src.toString(), dir.resolve("crops").toString(), "--size", "96");

        JsonObject summary = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(0, run.status(), run.err());
        assertEquals(64, summary.get("images").getAsInt());
        assertEquals(64, summary.get("cropped").getAsInt(), run.out());
    }

    @Test
    void cropWithoutArgumentsSaysWhatItNeeds() {
        CommandLineRun run = CommandLineRun.of("crop");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("Missing required parameters: 'SRC', 'DST'"), run.err());
    }

    @Test
    void cropOfAMissingDatasetIsOneClearLine() {
        CommandLineRun run =
                CommandLineRun.of(
                        "crop", dir.resolve("nothing").toString(), dir.resolve("out").toString());

        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("facekit: No dataset folder at "), run.err());
    }

    @Test
    void detectTakesACascadeFileAndRejectsABadOne() throws Exception {
        Path image = TestDatasets.lfwTiny().resolve("train/Monica_Seles/Monica_Seles_0001.jpg");
        Path cascade = HaarCascadeDetector.bundledFile("frontalface_default");
        Path bogus = Files.writeString(dir.resolve("bogus.xml"), "<opencv_storage/>");

        CommandLineRun good =
                CommandLineRun.of(
                        "detect",
                        image.toString(),
                        "--detector",
                        "haar",
                        "--cascade",
                        cascade.toString());
        CommandLineRun bad =
                CommandLineRun.of(
                        "detect",
                        image.toString(),
                        "--detector",
                        "haar",
                        "--cascade",
                        bogus.toString());

        assertEquals(0, good.status(), good.err());
        assertTrue(good.out().contains("Monica_Seles_0001.jpg,0,"), good.out());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("is not an OpenCV cascade classifier XML file"), bad.err());
    }

    @Test
    void cropRecordsItsSettingsAndRefusesToMixFramingsInOneFolder() throws Exception {
        Path src = TestDatasets.lfwTiny().resolve("train/Monica_Seles").getParent();
        Path out = dir.resolve("crops");
        CommandLineRun.of("crop", src.toString(), out.toString(), "--size", "64");

        CommandLineRun boxes =
                CommandLineRun.of(
                        "crop", src.toString(), out.toString(), "--size", "64", "--align", "none");

        String settings = Files.readString(out.resolve("facekit-crops.json"));
        assertTrue(settings.contains("\"framing\": \"facekit128\""), settings);
        assertTrue(settings.contains("\"detector\": \"blazeface:front128\""), settings);
        assertEquals(2, boxes.status());
        assertTrue(boxes.err().contains("holds crops made with other settings"), boxes.err());
    }
}
