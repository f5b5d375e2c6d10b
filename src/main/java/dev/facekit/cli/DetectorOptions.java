package dev.facekit.cli;

import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.FaceDetectors;
import dev.facekit.detect.HaarCascadeDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options that choose and tune the face detector, shared by every command that detects. */
final class DetectorOptions {

    @Option(
            names = "--detector",
            paramLabel = "NAME",
            description =
                    "Face detector: blazeface (neural, with eye, nose and mouth landmarks),"
                            + " blazeface-back (slower, finds smaller faces), blazeface-single-pass"
                            + " (faster, noisier landmarks) or haar (OpenCV's Haar cascade, boxes"
                            + " only, as the reference dataset used). Default: ${DEFAULT-VALUE}.")
    String detector = FaceDetectors.BLAZEFACE;

    @Option(
            names = "--cascade",
            paramLabel = "NAME|FILE",
            description =
                    "With --detector haar: a bundled cascade (frontalface_default,"
                            + " frontalface_alt, frontalface_alt2, frontalface_alt_tree) or an"
                            + " OpenCV cascade XML file. Default: ${DEFAULT-VALUE}.")
    String cascade = HaarCascadeDetector.DEFAULT_CASCADE;

    @Option(
            names = "--min-face",
            paramLabel = "PX",
            description =
                    "With --detector haar: smallest face searched for, in pixels. Default:"
                            + " ${DEFAULT-VALUE}.")
    int minFacePx = 30;

    @Option(
            names = "--neighbors",
            paramLabel = "N",
            description =
                    "With --detector haar: raw hits needed to accept a face; higher finds fewer"
                            + " false faces and misses more real ones. Default: ${DEFAULT-VALUE}.")
    int minNeighbors = 5;

    /** Whether the chosen detector gives landmarks, so that chips can be aligned. */
    boolean givesLandmarks() {
        return !detector.equals(FaceDetectors.HAAR);
    }

    /**
     * Makes a new detector on each call, one per worker thread. The first is made at once, so that
     * a wrong name, a bad cascade file or a missing model fails before any work starts.
     */
    Supplier<FaceDetector> detectors() {
        Supplier<FaceDetector> supplier =
                detector.equals(FaceDetectors.HAAR) ? haar() : () -> open(detector);
        supplier.get().close();
        return supplier;
    }

    private Supplier<FaceDetector> haar() {
        Path file = Path.of(cascade);
        boolean isFile = cascade.endsWith(".xml") || Files.exists(file);
        String shortName = cascade.replaceFirst("^haarcascade_", "").replaceFirst("\\.xml$", "");
        Path cascadeFile = isFile ? file : HaarCascadeDetector.bundledFile(shortName);
        String name = "haar:" + (isFile ? file.getFileName().toString() : shortName);
        return () -> new HaarCascadeDetector(cascadeFile, name, 1.1, minNeighbors, minFacePx);
    }

    private static FaceDetector open(String name) {
        try {
            return FaceDetectors.open(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
