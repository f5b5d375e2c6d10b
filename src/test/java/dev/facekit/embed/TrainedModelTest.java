package dev.facekit.embed;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder that is missing, foreign or damaged gives a message a user can act on. */
class TrainedModelTest {

    @TempDir Path temp;

    private String failure(Path folder) {
        return assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(folder))
                .getMessage();
    }

    @Test
    void missingFolder() {
        String message = failure(temp.resolve("nothing-here"));
        assertTrue(
                message.contains("no model folder") && message.contains("facekit train"), message);
    }

    @Test
    void folderWithoutDescription() {
        String message = failure(temp);
        assertTrue(message.contains("not a facekit model folder"), message);
    }

    @Test
    void foreignJson() throws IOException {
        Files.writeString(
                temp.resolve("model.json"), "{\"format\": \"keras\", \"formatVersion\": 1}");
        String message = failure(temp);
        assertTrue(message.contains("not a facekit embedding model"), message);
    }

    @Test
    void corruptJson() throws IOException {
        Files.writeString(temp.resolve("model.json"), "{\"format\": ");
        String message = failure(temp);
        assertTrue(message.contains("corrupt"), message);
    }
}
