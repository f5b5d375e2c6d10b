package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir Path work;

    @Test
    void cropsEnrolsAndIdentifiesTinyLfwPeopleAndRejectsStrangers() throws Exception {
        Path train = TestDatasets.lfwTiny().resolve("train");

        CommandLineRun run =
                CommandLineRun.of(
                        "demo",
                        train.toString(),
                        "--people",
                        "10",
                        "--strangers",
                        "6",
                        "--threshold",
                        "0.37",
                        "--work",
                        work.toString());

        List<String> rows = run.out().lines().toList();
        assertEquals(0, run.status(), run.err());
        assertEquals("probe,truth,predicted,distance,verdict", rows.get(0));
        assertEquals(1 + 10 * 2 + 6, rows.size(), run.out());
        long correct = rows.stream().filter(r -> r.endsWith(",correct")).count();
        long rejected = rows.stream().filter(r -> r.endsWith(",stranger_rejected")).count();
        assertTrue(correct >= 18, run.out());
        assertTrue(rejected >= 5, run.out());
        assertTrue(Files.isRegularFile(work.resolve("faces.npz")));
        assertTrue(Files.isDirectory(work.resolve("crops-dlib150/Harrison_Ford")));
    }

    @Test
    void saysWhatItNeedsWithoutADataset() {
        CommandLineRun run = CommandLineRun.of("demo");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("Missing required parameter: 'DATASET'"), run.err());
    }
}
