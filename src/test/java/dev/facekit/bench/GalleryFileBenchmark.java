package dev.facekit.bench;

import dev.facekit.embed.ModelInfo;
import dev.facekit.gallery.Gallery;
import dev.facekit.gallery.GalleryEntry;
import dev.facekit.gallery.GalleryFile;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Measures how long a face database of N synthetic faces takes to save and to load, and its size on
 * disk: the cost every enrolment save and every {@code identify} start pays.
 *
 * <pre>
 * mvn -B -q test-compile -Dspotless.check.skip=true
 * java -Xmx8g --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat \
 *     target/classpath.txt) dev.facekit.bench.GalleryFileBenchmark [SIZES] [FOLDER]
 * </pre>
 *
 * where {@code target/classpath.txt} comes from {@code mvn -q dependency:build-classpath
 * -Dmdep.outputFile=target/classpath.txt}; SIZES defaults to {@code 10000,100000,1000000} and
 * FOLDER to the system's temporary folder.
 */
public final class GalleryFileBenchmark {

    private GalleryFileBenchmark() {}

    public static void main(String[] args) throws IOException {
        int[] sizes =
                Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        Path folder =
                Files.createTempDirectory(
                        args.length > 1
                                ? Path.of(args[1])
                                : Path.of(System.getProperty("java.io.tmpdir")),
                        "facekit-gallery-bench");
        ModelInfo model = new ModelInfo("synthetic", "0000", 150, 128, "dlib150", 0.445);
        System.out.println("faces,people,file_mb,save_s,load_s");
        for (int size : sizes) {
            float[] vectors = SearchBenchmark.unitVectors(size, 42);
            Gallery gallery = Gallery.forModel(model, "synthetic", Metric.EUCLIDEAN);
            List<GalleryEntry> entries = new ArrayList<>(size);
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < size; i++) {
                String person = String.format(Locale.ROOT, "Person_%07d", i / 4);
                String hash =
                        hex.toHexDigits((long) i)
                                + hex.toHexDigits((long) i * 31)
                                + hex.toHexDigits((long) i * 17)
                                + hex.toHexDigits((long) i * 7);
                entries.add(
                        new GalleryEntry(
                                person,
                                person + "/" + person + "_" + (i % 4) + ".jpg",
                                hash,
                                Arrays.copyOfRange(vectors, i * 128, (i + 1) * 128)));
            }
            gallery.add(model, entries);
            Path file = folder.resolve("faces-" + size + ".npz");

            long saveStart = System.nanoTime();
            GalleryFile.write(gallery, file);
            double saveSeconds = (System.nanoTime() - saveStart) / 1e9;
            long loadStart = System.nanoTime();
            Gallery loaded = GalleryFile.read(file);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            System.out.printf(
                    Locale.ROOT,
                    "%d,%d,%.1f,%.2f,%.2f%n",
                    loaded.size(),
                    loaded.people().size(),
                    Files.size(file) / 1e6,
                    saveSeconds,
                    loadSeconds);
            Files.delete(file);
        }
        Files.delete(folder);
    }
}
