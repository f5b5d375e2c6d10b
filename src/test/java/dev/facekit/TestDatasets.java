package dev.facekit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared face datasets beside the project ({@code ../shared/datasets}, or the folder
 * named by the system property {@code facekit.datasets} or the environment variable {@code
 * FACEKIT_DATASETS}). A test that needs one is skipped, with a message naming the folder it looked
 * for, when it is absent.
 */
public final class TestDatasets {

    private TestDatasets() {}

    /** The datasets root; may not exist. */
    public static Path root() {
        String property = System.getProperty("facekit.datasets");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String env = System.getenv("FACEKIT_DATASETS");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of("..", "shared", "datasets").toAbsolutePath().normalize();
    }

    /** {@code lfw-tiny}: 16 training people x 4 images, 90 evaluation people, 80 pairs. */
    public static Path lfwTiny() {
        return require("lfw-tiny");
    }

    /** The full deep-funneled LFW with its official pair files. */
    public static Path lfw() {
        return require("lfw");
    }

    /** The AT&T (ORL) faces: 40 people x 10 greyscale PNGs. */
    public static Path orl() {
        return require("orl");
    }

    private static Path require(String name) {
        Path folder = root().resolve(name);
        assumeTrue(
                Files.isDirectory(folder),
                "Skipped: the shared dataset folder " + folder + " is absent");
        return folder;
    }
}
