package dev.facekit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import dev.facekit.gallery.NpyArray;
import dev.facekit.gallery.NpzArchive;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {

    @TempDir Path dir;

    @Test
    void embedsPhotosWithTheBuiltInModelIntoAnNpzNumPyCanOpen() throws Exception {
        Path person = TestDatasets.lfwTiny().resolve("train/Harrison_Ford");
        Path npz = dir.resolve("ford.npz");

        CommandLineRun run =
                CommandLineRun.of(
                        "embed",
                        "dlib-resnet",
                        person.toString(),
                        "--photos",
                        "--out",
                        npz.toString());

        assertEquals(0, run.status(), run.err());
        Map<String, NpyArray> arrays = NpzArchive.read(npz);
        NpyArray.Float32 embeddings = (NpyArray.Float32) arrays.get("embeddings");
        assertArrayEquals(new int[] {4, 128}, embeddings.shape());
        double norm = 0;
        for (int j = 0; j < 128; j++) {
            norm += embeddings.values()[j] * embeddings.values()[j];
        }
        assertEquals(1.0, norm, 1e-4);
        assertTrue(((NpyArray.Text) arrays.get("model")).values()[0].startsWith("dlib-resnet "));
    }

    @Test
    void refusesAnOutputFormatItCannotWrite() {
        CommandLineRun run =
                CommandLineRun.of(
                        "embed",
                        "dlib-resnet",
                        dir.toString(),
                        "--out",
                        dir.resolve("x.json").toString());

        assertEquals(2, run.status());
        assertTrue(run.err().contains("give a .csv or .npz file"), run.err());
    }
}
