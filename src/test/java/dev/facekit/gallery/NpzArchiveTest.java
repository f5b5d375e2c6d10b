package dev.facekit.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.PythonNumpy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzArchiveTest {

    @TempDir Path dir;

    /** Names that need more than Latin-1, and one outside the Basic Multilingual Plane. */
    private static final String[] NAMES = {
        "Zoë Ångström", "Łukasz Żółć", "山田 太郎", "Ελένη", "Дмитрий", "محمد", "emoji 🙂", "a"
    };

    private static Map<String, NpyArray> sampleArrays() {
        Random random = new Random(7);
        float[] embeddings = new float[3 * 4];
        for (int i = 0; i < embeddings.length; i++) {
            embeddings[i] = (float) random.nextGaussian();
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("embeddings", new NpyArray.Float32(new int[] {3, 4}, embeddings));
        arrays.put("labels", new NpyArray.Int32(new int[] {3}, new int[] {0, -5, 2_000_000_000}));
        arrays.put("names", NpyArray.Text.vector(NAMES));
        arrays.put("note", NpyArray.Text.scalar("{\"metric\": \"euclidean\"}"));
        arrays.put("hashes", NpyArray.Ascii.vector("ab12", "ff"));
        arrays.put("empty", new NpyArray.Float32(new int[] {0, 128}, new float[0]));
        return arrays;
    }

    private Path writeSample() throws IOException {
        Path file = dir.resolve("sample.npz");
        try (OutputStream out = Files.newOutputStream(file)) {
            NpzArchive.write(sampleArrays(), out);
        }
        return file;
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Map<String, NpyArray> written = sampleArrays();
        Map<String, NpyArray> read = NpzArchive.read(writeSample());

        assertEquals(written.keySet(), read.keySet());
        NpyArray.Float32 embeddings = (NpyArray.Float32) read.get("embeddings");
        assertArrayEquals(new int[] {3, 4}, embeddings.shape());
        assertArrayEquals(
                ((NpyArray.Float32) written.get("embeddings")).values(), embeddings.values());
        assertArrayEquals(
                new int[] {0, -5, 2_000_000_000}, ((NpyArray.Int32) read.get("labels")).values());
        assertArrayEquals(NAMES, ((NpyArray.Text) read.get("names")).values());
        NpyArray.Text note = (NpyArray.Text) read.get("note");
        assertEquals(0, note.shape().length);
        assertEquals("{\"metric\": \"euclidean\"}", note.values()[0]);
        assertArrayEquals(new int[] {0, 128}, read.get("empty").shape());
        assertArrayEquals(
                new String[] {"ab12", "ff"}, ((NpyArray.Ascii) read.get("hashes")).values());
    }

    @Test
    void headersAreAlignedToSixtyFourBytes() throws IOException {
        for (NpyArray array : sampleArrays().values()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            NpyFormat.write(array, bytes);
            int headerLength =
                    (bytes.toByteArray()[8] & 0xFF) | (bytes.toByteArray()[9] & 0xFF) << 8;
            assertEquals(0, (10 + headerLength) % 64);
        }
    }

    @Test
    void numpyReadsWhatJavaWroteWithoutPickle() throws IOException {
        PythonNumpy.assumePresent();
        Path file = writeSample();

        String script =
                "import sys, numpy as np\n"
                        + "d = np.load(sys.argv[1], allow_pickle=False)\n"
                        + "e = d['embeddings']\n"
                        + "print(e.dtype, e.shape, repr(e.reshape(-1).astype(np.float64).round(6).tolist()))\n"
                        + "print(d['labels'].dtype, d['labels'].tolist())\n"
                        + "print(d['names'].dtype, '|'.join(d['names'].tolist()))\n"
                        + "print(d['note'].shape, str(d['note']))\n"
                        + "print(d['empty'].shape)\n"
                        + "print(d['hashes'].dtype, d['hashes'].tolist())\n";
        String[] lines = PythonNumpy.output(script, file.toString()).split("\n");

        float[] embeddings = ((NpyArray.Float32) sampleArrays().get("embeddings")).values();
        assertTrue(lines[0].startsWith("float32 (3, 4) ["), lines[0]);
        double[] fromPython =
                Arrays.stream(lines[0].replaceAll(".*\\[|\\]", "").split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
        for (int i = 0; i < embeddings.length; i++) {
            assertEquals(embeddings[i], fromPython[i], 1e-6);
        }
        assertEquals("int32 [0, -5, 2000000000]", lines[1]);
        assertEquals("<U12 " + String.join("|", NAMES), lines[2]);
        assertEquals("() {\"metric\": \"euclidean\"}", lines[3]);
        assertEquals("(0, 128)", lines[4]);
        assertEquals("|S4 [b'ab12', b'ff']", lines[5]);
    }

    @Test
    void javaReadsWhatNumpyWrote() throws IOException {
        PythonNumpy.assumePresent();
        Path file = dir.resolve("from-numpy.npz");
        String script =
                "import sys, numpy as np\n"
                        + "x = np.arange(6, dtype=np.float32).reshape(2, 3) / 4\n"
                        + "np.savez(sys.argv[1], floats=x, doubles=x.astype(np.float64),\n"
                        + "         ints=np.array([3, -1], dtype=np.int32),\n"
                        + "         longs=np.array([7, 8]), big=x.astype('>f4'),\n"
                        + "         names=np.array(sys.argv[2].split('|')),\n"
                        + "         raw=np.array([b'ab', b'c']))\n"
                        + "np.savez_compressed(sys.argv[1] + '.z.npz', floats=x)\n";
        PythonNumpy.output(script, file.toString(), String.join("|", NAMES));

        Map<String, NpyArray> read = NpzArchive.read(file);
        float[] expected = {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f};
        for (String name : new String[] {"floats", "doubles", "big"}) {
            NpyArray.Float32 floats = (NpyArray.Float32) read.get(name);
            assertArrayEquals(new int[] {2, 3}, floats.shape(), name);
            assertArrayEquals(expected, floats.values(), name);
        }
        assertArrayEquals(new int[] {3, -1}, ((NpyArray.Int32) read.get("ints")).values());
        assertArrayEquals(new int[] {7, 8}, ((NpyArray.Int32) read.get("longs")).values());
        assertArrayEquals(NAMES, ((NpyArray.Text) read.get("names")).values());
        assertArrayEquals(new String[] {"ab", "c"}, ((NpyArray.Ascii) read.get("raw")).values());
        NpyArray compressed = NpzArchive.read(Path.of(file + ".z.npz")).get("floats");
        assertArrayEquals(expected, ((NpyArray.Float32) compressed).values());
    }

    @Test
    void refusesFortranOrderAndPickledObjectsWithAdvice() throws IOException {
        PythonNumpy.assumePresent();
        Path file = dir.resolve("foreign.npz");
        String script =
                "import sys, numpy as np\n"
                        + "np.savez(sys.argv[1], f=np.asfortranarray(np.ones((2, 3), np.float32)))\n"
                        + "np.savez(sys.argv[1] + '.o.npz', o=np.array(['a', None], dtype=object))\n";
        PythonNumpy.output(script, file.toString());

        NpyFormatException fortran =
                assertThrows(NpyFormatException.class, () -> NpzArchive.read(file));
        assertTrue(fortran.getMessage().contains("array 'f'"), fortran.getMessage());
        assertTrue(fortran.getMessage().contains("ascontiguousarray"), fortran.getMessage());
        NpyFormatException objects =
                assertThrows(
                        NpyFormatException.class, () -> NpzArchive.read(Path.of(file + ".o.npz")));
        assertTrue(objects.getMessage().contains("pickle"), objects.getMessage());
    }

    @Test
    void truncatedOrForeignFilesGiveAFormatError() throws IOException {
        byte[] whole = Files.readAllBytes(writeSample());
        Path truncated =
                Files.write(dir.resolve("cut.npz"), Arrays.copyOf(whole, whole.length / 2));
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path random = Files.write(dir.resolve("noise.npz"), noise);
        Path text = Files.writeString(dir.resolve("text.npz"), "name,embedding\n");

        for (Path bad : new Path[] {truncated, random, text}) {
            NpyFormatException e =
                    assertThrows(NpyFormatException.class, () -> NpzArchive.read(bad));
            assertTrue(e.getMessage().contains("not a complete .npz archive"), e.getMessage());
        }
    }

    @Test
    void aNpyCutInsideItsDataSaysTruncated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NpyFormat.write(sampleArrays().get("embeddings"), bytes);
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 5);

        NpyFormatException e =
                assertThrows(
                        NpyFormatException.class,
                        () -> NpyFormat.read(new ByteArrayInputStream(cut)));
        assertEquals("the array of shape (3, 4) ends early: the file is truncated", e.getMessage());
    }
}
