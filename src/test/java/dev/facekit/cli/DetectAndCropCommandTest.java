package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facekit.TestDatasets;
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
        assertEquals("path,face,x,y,width,height,score", rows.get(0));
        assertEquals(4, rows.stream().filter(r -> r.contains("Monica_Seles_000")).count());
        assertTrue(
                rows.get(1).matches(".*Monica_Seles_0001.jpg,0,\\d+,\\d+,\\d+,\\d+,[-0-9.]+"),
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

        assertEquals(blank + ",no_faces_found,,,,,", run.out().lines().toList().get(1));
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
        assertEquals(64, summary.get("cropped").getAsInt());
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
}
