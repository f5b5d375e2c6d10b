package dev.facekit.bench;

import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.FaceDetectors;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.Picture;
import dev.facekit.image.UnreadableImageException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Measures a face detector on LFW: how often it finds the face in the middle of the frame, and how
 * long it takes per image.
 *
 * <p>An image counts as found when some detected box contains the image centre (LFW's deep-funneled
 * images put the named person's face there); for detectors with landmarks it also counts the found
 * faces whose eyes lie left and right of the centre and above the mouth. Time is detection only,
 * after decoding, on one thread, after a warm-up of 20 images.
 *
 * <p>Run from the project root (2 cores shared: keep the sample small enough for ~10 minutes):
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * OMP_WAIT_POLICY=PASSIVE java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     dev.facekit.bench.DetectionBenchmark ../shared/datasets/lfw blazeface 2000 42
 * </pre>
 *
 * Arguments: the LFW folder, the detector name, how many images (0 for all 13,233), and the seed of
 * the random sample.
 */
public final class DetectionBenchmark {

    private static final int WARM_UP = 20;

    private DetectionBenchmark() {}

    public static void main(String[] args) throws IOException, UnreadableImageException {
        Path lfw = Path.of(args.length > 0 ? args[0] : "../shared/datasets/lfw");
        String detectorName = args.length > 1 ? args[1] : FaceDetectors.BLAZEFACE;
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;

        List<Path> images = sample(listImages(lfw.resolve("images_deepfunneled")), sample, seed);
        ImageDecoder decoder = new ImageDecoder();
        Core.setNumThreads(1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FaceDetector detector = FaceDetectors.open(detectorName)) {
            for (Path image : images.subList(0, Math.min(WARM_UP, images.size()))) {
                detector.detect(decoder.read(image).bgr());
            }
            int found = 0;
            int plausibleLandmarks = 0;
            int several = 0;
            long nanos = 0;
            long cpuNanos = 0;
            List<String> missed = new ArrayList<>();
            for (Path image : images) {
                Picture picture = decoder.read(image);
                Mat bgr = picture.bgr();
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                List<DetectedFace> faces = detector.detect(bgr);
                cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
                nanos += System.nanoTime() - start;
                DetectedFace central = central(faces, bgr.cols() / 2.0, bgr.rows() / 2.0);
                if (faces.size() > 1) {
                    several++;
                }
                if (central == null) {
                    missed.add(lfw.relativize(image).toString());
                } else {
                    found++;
                    if (plausible(central, bgr.cols() / 2.0)) {
                        plausibleLandmarks++;
                    }
                }
                bgr.release();
            }
            int n = images.size();
            System.out.printf(
                    "detector=%s images=%d%s seed=%d found=%d (%.2f%%) plausible_landmarks=%d"
                            + " several_faces=%d ms_per_image=%.2f cpu_ms_per_image=%.2f%n",
                    detector.name(),
                    n,
                    sample > 0 ? " (random sample)" : " (all)",
                    seed,
                    found,
                    100.0 * found / n,
                    plausibleLandmarks,
                    several,
                    nanos / 1e6 / n,
                    cpuNanos / 1e6 / n);
            System.out.println("missed: " + missed.subList(0, Math.min(20, missed.size())));
        }
    }

    private static DetectedFace central(List<DetectedFace> faces, double cx, double cy) {
        DetectedFace best = null;
        for (DetectedFace f : faces) {
            if (f.box().contains(cx, cy) && (best == null || f.score() > best.score())) {
                best = f;
            }
        }
        return best;
    }

    /** Eyes either side of the centre line, both above the nose, the nose above the mouth. */
    private static boolean plausible(DetectedFace face, double cx) {
        if (!face.hasLandmarks()) {
            return false;
        }
        var l = face.landmarks();
        double mouthY = (l.mouthLeft().y() + l.mouthRight().y()) / 2;
        return l.leftEye().x() < cx
                && l.rightEye().x() > cx
                && l.leftEye().y() < l.nose().y()
                && l.rightEye().y() < l.nose().y()
                && l.nose().y() < mouthY;
    }

    private static List<Path> listImages(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    private static List<Path> sample(List<Path> all, int size, long seed) {
        if (size <= 0 || size >= all.size()) {
            return all;
        }
        List<Path> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, size);
    }
}
