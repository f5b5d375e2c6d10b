package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facekit.embed.ModelInfo;
import dev.facekit.gallery.Gallery;
import dev.facekit.gallery.GalleryEntry;
import dev.facekit.gallery.GalleryFile;
import dev.facekit.search.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {

    private static final ModelInfo MODEL =
            new ModelInfo("test-model", "f00d", 150, 128, "dlib150", 0.6);

    @TempDir Path dir;

    private Path db;

    private static float[] axis(int i) {
        float[] vector = new float[128];
        vector[i] = 1;
        return vector;
    }

    @BeforeEach
    void threePeople() throws Exception {
        Gallery gallery = Gallery.forModel(MODEL, "test", Metric.EUCLIDEAN);
        List<GalleryEntry> entries = new ArrayList<>();
        String[] people = {"Ada", "Ada", "Bo", "Smith, Jo"};
        for (int i = 0; i < people.length; i++) {
            entries.add(new GalleryEntry(people[i], "img" + i + ".jpg", "sha" + i, axis(i)));
        }
        gallery.add(MODEL, entries);
        db = dir.resolve("faces.npz");
        GalleryFile.write(gallery, db);
    }

    @Test
    void listsPeopleAsCsv() {
        CommandLineRun run = CommandLineRun.of("db", "--db", db.toString(), "list");

        assertEquals(0, run.status(), run.err());
        assertEquals(
                List.of("person,faces", "Ada,2", "Bo,1", "\"Smith, Jo\",1"),
                run.out().lines().toList());
    }

    @Test
    void acceptsTheDatabaseOptionAfterTheSubcommandToo() {
        CommandLineRun run = CommandLineRun.of("db", "list", "--db", db.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Ada,2"), run.out());
    }

    @Test
    void printsStatisticsAsJson() {
        CommandLineRun run = CommandLineRun.of("db", "--db", db.toString(), "stats");

        JsonObject stats = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(4, stats.get("faces").getAsInt());
        assertEquals(3, stats.get("persons").getAsInt());
        assertEquals("f00d", stats.get("model_fingerprint").getAsString());
        assertEquals("euclidean", stats.get("metric").getAsString());
        assertEquals(0.6, stats.get("threshold").getAsDouble());
    }

    @Test
    void removesAndRenamesPeopleInTheFile() throws Exception {
        CommandLineRun removed = CommandLineRun.of("db", "--db", db.toString(), "remove", "Ada");
        CommandLineRun renamed =
                CommandLineRun.of("db", "--db", db.toString(), "rename", "Bo", "Bob");

        assertEquals(
                2, JsonParser.parseString(removed.out()).getAsJsonObject().get("faces").getAsInt());
        assertEquals(
                "Bob",
                JsonParser.parseString(renamed.out()).getAsJsonObject().get("to").getAsString());
        assertEquals(
                List.of("person,faces", "Bob,1", "\"Smith, Jo\",1"),
                CommandLineRun.of("db", "--db", db.toString(), "list").out().lines().toList());
    }

    @Test
    void explainsAnUnknownPersonOrABadFileInOneLine() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.npz"), "not a database");

        CommandLineRun unknown = CommandLineRun.of("db", "--db", db.toString(), "remove", "Zed");
        CommandLineRun bad = CommandLineRun.of("db", "--db", junk.toString(), "list");

        assertEquals(2, unknown.status());
        assertEquals(
                "facekit: nobody called 'Zed' is enrolled (list the people with `facekit db"
                        + " list`)",
                unknown.err().strip());
        assertEquals(2, bad.status());
        assertTrue(
                bad.err().startsWith("facekit: " + junk + ": not a readable face database"),
                bad.err());
        assertEquals(1, bad.err().strip().lines().count());
    }
}
