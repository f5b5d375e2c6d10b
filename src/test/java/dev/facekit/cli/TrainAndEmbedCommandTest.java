package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facekit train} then {@code facekit embed} on lfw-tiny, as a user would run them. */
class TrainAndEmbedCommandTest {

    @TempDir Path temp;

    /** Runs the tool, returning its exit status and standard output. */
    private static Object[] run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int status = FacekitCommand.execute(args);
            return new Object[] {status, captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void trainsAModelThenEmbedsFacesWithIt() throws IOException {
        Path tiny = TestDatasets.lfwTiny();
        Path model = temp.resolve("model");

        Object[] train =
                run(
                        "train",
                        tiny.resolve("train").toString(),
                        "--out",
                        model.toString(),
                        "--val-pairs",
                        tiny.resolve("pairs_tiny.txt").toString(),
                        "--val-images",
                        tiny.resolve("eval").toString(),
                        "--center-crop",
                        "120",
                        "--input-size",
                        "64",
                        "--epochs",
                        "1");
        assertEquals(0, train[0]);
        assertTrue(((String) train[1]).contains("\"auc\""), (String) train[1]);

        Path csv = temp.resolve("train.csv");
        Object[] embed =
                run(
                        "embed",
                        model.toString(),
                        tiny.resolve("train").toString(),
                        "--out",
                        csv.toString());
        assertEquals(0, embed[0]);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 64, rows.size());
        assertEquals(1 + 128, rows.get(1).split(",").length);
        assertTrue(rows.get(0).startsWith("path,e0,e1,"));
    }

    @Test
    void validatesOnHeldOutPeopleWhenGivenNoPairFile() throws IOException {
        Path tiny = TestDatasets.lfwTiny();
        Path model = temp.resolve("split");

        Object[] train =
                run(
                        "train",
                        tiny.resolve("train").toString(),
                        "--out",
                        model.toString(),
                        "--val-split",
                        "0.25",
                        "--center-crop",
                        "120",
                        "--input-size",
                        "64",
                        "--epochs",
                        "1");
        assertEquals(0, train[0]);
        String json = Files.readString(model.resolve("model.json"));
        // 4 of 16 people held out: 4 x 6 same-person pairs and as many different-person pairs.
        assertTrue(json.contains("\"validationPairs\": 48"), json);
        assertTrue(json.contains("\"trainingPeople\": 12"), json);
        assertTrue(json.contains("\"validationSource\": \"held-out people\""), json);
    }

    @Test
    void aMissingModelIsAUserError() {
        Object[] embed = run("embed", temp.resolve("absent").toString(), temp.toString());
        assertEquals(2, embed[0]);
    }
}
