package dev.facekit.opencv;

import dev.facekit.CacheDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.opencv.core.Core;

/**
 * Loads OpenCV's native library from the {@code org.openpnp:opencv} jar.
 *
 * <p>The jar's own loader copies 65 MB into a new temporary folder at every start and leaves it
 * behind when the JVM is killed. This loader unpacks the library once into the facekit cache, named
 * by OpenCV's version, and loads it from there on every later start.
 */
public final class OpenCvLibrary {

    private static volatile boolean loaded;

    private OpenCvLibrary() {}

    /** Loads the native library once per JVM; later calls return at once. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        String resource = nativeResource();
        Path target =
                CacheDirectory.resolve("opencv")
                        .resolve(Core.VERSION)
                        .resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try {
            if (!Files.isRegularFile(target)) {
                unpack(resource, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot unpack OpenCV's native library to "
                            + target
                            + "; set FACEKIT_CACHE to a writable folder",
                    e);
        }
        System.load(target.toAbsolutePath().toString());
        loaded = true;
    }

    private static String nativeResource() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String library = "libopencv_java" + Core.VERSION.replace(".", "").substring(0, 3);
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "/nu/pattern/opencv/linux/x86_64/" + library + ".so";
        }
        if (os.contains("linux") && arch.equals("aarch64")) {
            return "/nu/pattern/opencv/linux/ARMv8/" + library + ".so";
        }
        if (os.contains("mac")) {
            String folder = arch.equals("aarch64") ? "ARMv8" : "x86_64";
            return "/nu/pattern/opencv/osx/" + folder + "/" + library + ".dylib";
        }
        throw new UnsupportedOperationException(
                "facekit has no OpenCV native library for " + os + " on " + arch);
    }

    /** Writes to a temporary file first and renames it, so a killed JVM leaves no half file. */
    private static void unpack(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "opencv", ".partial");
        try (InputStream in = OpenCvLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The OpenCV jar on the class path lacks " + resource);
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
