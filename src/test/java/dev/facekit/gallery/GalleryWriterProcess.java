package dev.facekit.gallery;

import dev.facekit.search.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process for {@link GalleryFileTest}: enrols into a database the way {@code facekit
 * enroll} does, so tests can race two processes or kill one in the middle of a write.
 *
 * <p>{@code enrol FILE PREFIX COUNT} makes COUNT separate updates of one face each; {@code bulk
 * FILE ROWS} makes one update of ROWS faces (a write that takes a while).
 */
public final class GalleryWriterProcess {

    private GalleryWriterProcess() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("enrol")) {
            enrolOneByOne(file, args[2], Integer.parseInt(args[3]));
        } else {
            List<GalleryEntry> entries = new ArrayList<>();
            float[] embedding = TestGalleries.unitVector(1);
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                entries.add(TestGalleries.entry("Bulk", "bulk-" + i, embedding));
            }
            GalleryFile.update(
                    file,
                    () -> Gallery.forModel(TestGalleries.MODEL, "test", Metric.EUCLIDEAN),
                    gallery -> gallery.add(TestGalleries.MODEL, entries));
        }
    }

    /** Adds faces {@code PREFIX-0 ...} one update at a time. */
    static void enrolOneByOne(Path file, String prefix, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            GalleryEntry entry =
                    TestGalleries.entry(prefix, prefix + "-" + i, TestGalleries.unitVector(i));
            GalleryFile.update(
                    file,
                    () -> Gallery.forModel(TestGalleries.MODEL, "test", Metric.EUCLIDEAN),
                    gallery -> gallery.add(TestGalleries.MODEL, List.of(entry)));
        }
    }

    /** Starts this class in a new JVM with the test class path. */
    static Process start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-cp"));
        command.add(System.getProperty("java.class.path"));
        command.add(GalleryWriterProcess.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits for a process and fails with its output when it did not succeed. */
    static void awaitSuccess(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the writer process did not finish in 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the writer process failed:\n" + output);
        }
    }
}
