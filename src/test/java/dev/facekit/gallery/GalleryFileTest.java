package dev.facekit.gallery;

import static dev.facekit.gallery.TestGalleries.MODEL;
import static dev.facekit.gallery.TestGalleries.entry;
import static dev.facekit.gallery.TestGalleries.unitVector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.PythonNumpy;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryFileTest {

    @TempDir Path dir;

    private static final List<String> PEOPLE = List.of("Zoë Ångström", "山田 太郎", "Дмитрий", "Bo");

    private Path savedGallery() throws IOException {
        Gallery gallery = Gallery.forModel(MODEL, "models/test", Metric.COSINE);
        List<GalleryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String person = PEOPLE.get(i % PEOPLE.size());
            entries.add(entry(person, "img" + i, unitVector(i)));
        }
        gallery.add(MODEL, entries);
        Path file = dir.resolve("faces.npz");
        GalleryFile.write(gallery, file);
        return file;
    }

    @Test
    void readsBackEveryRowAndTheModel() throws IOException {
        Gallery read = GalleryFile.read(savedGallery());

        assertEquals(10, read.size());
        assertEquals(MODEL, read.model());
        assertEquals("models/test", read.modelSpec());
        assertEquals(Metric.COSINE, read.metric());
        assertEquals(0.18, read.threshold(), 1e-12);
        assertEquals(new PersonCount("Bo", 2), read.people().get(0));
        assertArrayEquals(
                unitVector(7), Arrays.copyOfRange(read.embeddingRows(), 7 * 128, 8 * 128));
        assertEquals("Дмитрий/img6.jpg", read.sources().get(6));
        assertTrue(read.containsSource("sha-img9"));
        PersonMatch match = read.nearestPeople(MODEL, unitVector(5), 1).get(0);
        assertEquals("山田 太郎", match.person());
        assertEquals(0.0, match.distance(), 1e-6);
    }

    @Test
    void numpyOpensItWithoutPickleAndSeesTheSameValues() throws IOException {
        PythonNumpy.assumePresent();
        Path file = savedGallery();

        String script =
                "import sys, json, numpy as np\n"
                        + "d = np.load(sys.argv[1], allow_pickle=False)\n"
                        + "e = d['embeddings']\n"
                        + "print(e.dtype, e.shape, d['labels'].dtype)\n"
                        + "print('%.7f %.7f' % (e[7, 0], e[7, 127]))\n"
                        + "print('%.6f' % np.abs(np.linalg.norm(e, axis=1) - 1).max())\n"
                        + "print('|'.join(d['label_strings'][d['labels']].tolist()))\n"
                        + "print(d['sources'][1], d['source_sha256'][1].decode())\n"
                        + "m = json.loads(str(d['metadata']))\n"
                        + "print(m['format'], m['formatVersion'], m['model']['fingerprint'],"
                        + " m['metric'], m['threshold'])\n";
        String[] lines = PythonNumpy.output(script, file.toString()).split("\n");

        float[] row7 = unitVector(7);
        assertEquals("float32 (10, 128) int32", lines[0]);
        assertEquals(
                String.format(java.util.Locale.ROOT, "%.7f %.7f", row7[0], row7[127]), lines[1]);
        assertEquals("0.000000", lines[2]);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add(PEOPLE.get(i % PEOPLE.size()));
        }
        assertEquals(String.join("|", names), lines[3]);
        assertEquals("山田 太郎/img1.jpg sha-img1", lines[4]);
        assertEquals("facekit-gallery 1 f00d cosine 0.18", lines[5]);
    }

    @Test
    void truncatedRandomOrForeignFilesGetAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(savedGallery());
        Path truncated =
                Files.write(dir.resolve("cut.npz"), Arrays.copyOf(whole, whole.length - 100));
        byte[] noise = new byte[10_000];
        new Random(3).nextBytes(noise);
        Path random = Files.write(dir.resolve("noise.npz"), noise);
        Path foreign = dir.resolve("foreign.npz");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("labels", new NpyArray.Int32(new int[] {2}, new int[] {0, 1}));
        try (OutputStream out = Files.newOutputStream(foreign)) {
            NpzArchive.write(arrays, out);
        }

        assertMessage(truncated, "not a readable face database: not a complete .npz archive");
        assertMessage(random, "not a readable face database: not a complete .npz archive");
        assertMessage(foreign, "not a facekit face database: it has no 'embeddings' array");
        assertMessage(dir.resolve("absent.npz"), "no face database here; create one with");
    }

    @Test
    void refusesAFileFromANewerFacekit() throws IOException {
        Path file = savedGallery();
        Map<String, NpyArray> arrays = NpzArchive.read(file);
        String metadata = ((NpyArray.Text) arrays.get("metadata")).values()[0];
        arrays.put(
                "metadata",
                NpyArray.Text.scalar(
                        metadata.replace("\"formatVersion\": 1", "\"formatVersion\": 9")));
        try (OutputStream out = Files.newOutputStream(file)) {
            NpzArchive.write(arrays, out);
        }

        assertMessage(file, "written by a newer facekit (database format 9");
    }

    private static void assertMessage(Path file, String expected) {
        UnreadableGalleryException e =
                assertThrows(UnreadableGalleryException.class, () -> GalleryFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
    }

    @Test
    void twoThreadsEnrollingAtOnceKeepEveryRow() throws Exception {
        Path file = dir.resolve("threads.npz");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> enrolOneByOne(file, "Ann", 25));
            Future<?> second = pool.submit(() -> enrolOneByOne(file, "Ben", 25));
            first.get();
            second.get();
        } finally {
            pool.shutdown();
        }

        assertEquals(
                List.of(new PersonCount("Ann", 25), new PersonCount("Ben", 25)),
                GalleryFile.read(file).people());
    }

    private static Void enrolOneByOne(Path file, String person, int count) throws IOException {
        GalleryWriterProcess.enrolOneByOne(file, person, count);
        return null;
    }

    @Test
    void twoProcessesEnrollingAtOnceKeepEveryRow() throws Exception {
        Path file = dir.resolve("processes.npz");

        Process first = GalleryWriterProcess.start("enrol", file.toString(), "Ann", "30");
        Process second = GalleryWriterProcess.start("enrol", file.toString(), "Ben", "30");
        GalleryWriterProcess.awaitSuccess(first);
        GalleryWriterProcess.awaitSuccess(second);

        assertEquals(
                List.of(new PersonCount("Ann", 30), new PersonCount("Ben", 30)),
                GalleryFile.read(file).people());
    }

    @Test
    void aWriterKilledMidWriteLeavesTheOldFileIntact() throws Exception {
        Path file = savedGallery();
        byte[] before = Files.readAllBytes(file);

        Process writer = GalleryWriterProcess.start("bulk", file.toString(), "400000");
        Path temporary = null;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (temporary == null && writer.isAlive() && System.nanoTime() < deadline) {
            temporary = growingTemporaryFile();
            Thread.sleep(5);
        }
        writer.destroyForcibly().waitFor();

        assertTrue(temporary != null, "the writer finished before it could be killed");
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(10, GalleryFile.read(file).size());
        GalleryFile.update(file, gallery -> gallery.removePerson("Bo"));
        assertFalse(Files.exists(temporary), "the next update removes the abandoned file");
    }

    private Path growingTemporaryFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .filter(p -> p.toFile().length() > 1_000_000)
                    .findFirst()
                    .orElse(null);
        }
    }
}
