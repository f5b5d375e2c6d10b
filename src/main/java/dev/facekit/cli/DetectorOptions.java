package dev.facekit.cli;

import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.HaarCascadeDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options that choose and tune the face detector, shared by every command that detects. */
final class DetectorOptions {

    @Option(
            names = "--cascade",
            paramLabel = "NAME|FILE",
            description =
                    "Haar cascade: a bundled one (frontalface_default, frontalface_alt,"
                            + " frontalface_alt2, frontalface_alt_tree) or an OpenCV cascade XML"
                            + " file. Default: ${DEFAULT-VALUE}.")
    String cascade = HaarCascadeDetector.DEFAULT_CASCADE;

    @Option(
            names = "--min-face",
            paramLabel = "PX",
            description = "Smallest face searched for, in pixels. Default: ${DEFAULT-VALUE}.")
    int minFacePx = 30;

    @Option(
            names = "--neighbors",
            paramLabel = "N",
            description =
                    "Raw hits needed to accept a face; higher finds fewer false faces and misses"
                            + " more real ones. Default: ${DEFAULT-VALUE}.")
    int minNeighbors = 5;

    /** Makes a new detector on each call, one per worker thread. */
    Supplier<FaceDetector> detectors() {
        Path file = Path.of(cascade);
        boolean isFile = cascade.endsWith(".xml") || Files.exists(file);
        String name = isFile ? "haar:" + file.getFileName() : null;
        Supplier<FaceDetector> supplier =
                isFile
                        ? () -> new HaarCascadeDetector(file, name, 1.1, minNeighbors, minFacePx)
                        : () ->
                                new HaarCascadeDetector(
                                        HaarCascadeDetector.bundledFile(shortName(cascade)),
                                        "haar:" + shortName(cascade),
                                        1.1,
                                        minNeighbors,
                                        minFacePx);
        supplier.get().close(); // fail now, with a clear message, if the cascade is wrong
        return supplier;
    }

    private static String shortName(String cascade) {
        return cascade.replaceFirst("^haarcascade_", "").replaceFirst("\\.xml$", "");
    }
}
