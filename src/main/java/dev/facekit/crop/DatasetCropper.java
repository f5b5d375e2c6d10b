package dev.facekit.crop;

import dev.facekit.crop.CropOutcome.Status;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.MainFace;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.Picture;
import dev.facekit.image.UnreadableImageException;
import dev.facekit.io.AtomicFile;
import dev.facekit.progress.ProgressBar;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a directory-per-person dataset ({@code SRC/<person>/<image>}) into the same tree of face
 * crops ({@code DST/<person>/<image>.jpg}), the way the reference dataset's "Extracted Faces" were
 * made: detect, keep the main face, cut a square crop, save as JPEG.
 *
 * <p>Every image is accounted for: unreadable files and images without a face are skipped with one
 * WARN line each and listed, with the reason, in {@code DST/crop-report.csv}, which also lists
 * images where several faces were found. Crops are written to a temporary file and renamed, so an
 * interrupted run leaves only whole crops, and a second run skips images whose crop exists.
 */
public final class DatasetCropper {

    /** The report written beside the person folders. */
    public static final String REPORT_FILE = "crop-report.csv";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCropper.class);
    private static final int JPEG_QUALITY = 95;

    private final Supplier<FaceDetector> detectors;
    private final Supplier<ChipCutter> cutters;
    private final boolean overwrite;
    private final int threads;
    private final ImageDecoder decoder = new ImageDecoder();

    /**
     * @param detectors makes one detector per worker thread
     * @param cutters makes one chip cutter per worker thread: a box crop, an eye-levelled crop or a
     *     landmark alignment (which needs a detector that gives landmarks)
     * @param overwrite redo crops that already exist instead of keeping them
     * @param threads worker threads; each uses one core
     */
    public DatasetCropper(
            Supplier<FaceDetector> detectors,
            Supplier<ChipCutter> cutters,
            boolean overwrite,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.detectors = detectors;
        this.cutters = cutters;
        this.overwrite = overwrite;
        this.threads = threads;
    }

    /**
     * Crops every image below {@code source} into {@code target}.
     *
     * @throws IllegalArgumentException if {@code source} is not a folder, or the two overlap
     * @throws IOException if the target cannot be written
     */
    public CropSummary crop(Path source, Path target) throws IOException {
        Path src = source.toAbsolutePath().normalize();
        Path dst = target.toAbsolutePath().normalize();
        checkFolders(src, dst);
        List<Path> images = listImages(src);
        Files.createDirectories(dst);
        removePartialFiles(dst);

        long start = System.nanoTime();
        List<CropOutcome> outcomes = cropAll(images, src, dst);
        double seconds = (System.nanoTime() - start) / 1e9;

        Path report = dst.resolve(REPORT_FILE);
        writeReport(report, src, outcomes);
        return summarise(outcomes, report, seconds);
    }

    private static void checkFolders(Path src, Path dst) {
        if (!Files.isDirectory(src)) {
            throw new IllegalArgumentException(
                    "No dataset folder at "
                            + src
                            + "; expected a folder with one sub-folder of images per person");
        }
        if (dst.startsWith(src) || src.startsWith(dst)) {
            throw new IllegalArgumentException(
                    "The crop folder " + dst + " and the dataset " + src + " must not overlap");
        }
    }

    /** Every regular, non-hidden file one folder down, in name order. */
    private static List<Path> listImages(Path src) throws IOException {
        List<Path> images = new ArrayList<>();
        try (Stream<Path> people = Files.list(src)) {
            for (Path person : people.filter(p -> !isHidden(p)).sorted().toList()) {
                if (!Files.isDirectory(person)) {
                    LOG.warn("{}: skipped, not inside a person folder", person);
                    continue;
                }
                try (Stream<Path> files = Files.list(person)) {
                    files.filter(f -> Files.isRegularFile(f) && !isHidden(f))
                            .sorted()
                            .forEach(images::add);
                }
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException(
                    "No images found in "
                            + src
                            + "; expected the layout "
                            + src
                            + "/<person>/<image>");
        }
        return images;
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /** A killed run can leave temporary files; they are never whole crops. */
    private static void removePartialFiles(Path dst) throws IOException {
        try (Stream<Path> files = Files.walk(dst, 2)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".partial")).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private List<CropOutcome> cropAll(List<Path> images, Path src, Path dst) throws IOException {
        if (threads > 1) {
            // Parallelism comes from the workers; OpenCV's own threads would oversubscribe.
            Core.setNumThreads(1);
        }
        List<FaceDetector> made = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<FaceDetector> detector =
                ThreadLocal.withInitial(
                        () -> {
                            FaceDetector d = detectors.get();
                            made.add(d);
                            return d;
                        });
        ThreadLocal<ChipCutter> cutter = ThreadLocal.withInitial(cutters);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ProgressBar progress = new ProgressBar("Cropping", images.size(), "images")) {
            List<Future<CropOutcome>> futures = new ArrayList<>(images.size());
            for (Path image : images) {
                Path out = dst.resolve(src.relativize(image.getParent())).resolve(cropName(image));
                futures.add(
                        pool.submit(
                                () -> {
                                    CropOutcome outcome =
                                            cropOne(image, out, detector.get(), cutter.get());
                                    progress.step();
                                    return outcome;
                                }));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
            made.forEach(FaceDetector::close);
        }
    }

    private static List<CropOutcome> collect(List<Future<CropOutcome>> futures) throws IOException {
        List<CropOutcome> outcomes = new ArrayList<>(futures.size());
        for (Future<CropOutcome> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted; the crops written so far are whole", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return outcomes;
    }

    /** JPEG sources keep their name; others get their extension folded into it. */
    static String cropName(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return name + ".jpg";
        }
        String stem = name.substring(0, dot);
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.equals("jpg") || ext.equals("jpeg") ? stem + ".jpg" : stem + "_" + ext + ".jpg";
    }

    private CropOutcome cropOne(Path image, Path out, FaceDetector detector, ChipCutter cutter) {
        if (!overwrite && Files.isRegularFile(out)) {
            return new CropOutcome(image, Status.ALREADY_DONE, null, 0);
        }
        Picture picture;
        try {
            picture = decoder.read(image);
        } catch (UnreadableImageException e) {
            LOG.warn(
                    "{}: skipped, {}",
                    image,
                    e.getMessage().substring(image.toString().length() + 2));
            return new CropOutcome(image, Status.SKIPPED, e.reason(), 0);
        }
        try {
            List<DetectedFace> faces = detector.detect(picture.bgr());
            if (cutter.needsLandmarks()) {
                faces = faces.stream().filter(DetectedFace::hasLandmarks).toList();
            }
            DetectedFace main = MainFace.of(faces, picture.width(), picture.height()).orElse(null);
            if (main == null) {
                LOG.warn("{}: skipped, no face found", image);
                return new CropOutcome(image, Status.SKIPPED, "no_face", 0);
            }
            Mat crop = cutter.cut(picture.bgr(), main);
            write(crop, out);
            crop.release();
            return new CropOutcome(image, Status.CROPPED, null, faces.size());
        } catch (RuntimeException e) {
            LOG.warn("{}: skipped, processing failed: {}", image, e.toString());
            return new CropOutcome(image, Status.SKIPPED, "error", 0);
        } finally {
            picture.release();
        }
    }

    private static void write(Mat crop, Path out) {
        MatOfByte jpeg = new MatOfByte();
        try {
            Imgcodecs.imencode(
                    ".jpg", crop, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY));
            byte[] bytes = jpeg.toArray();
            AtomicFile.write(out, stream -> stream.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the crop " + out, e);
        } finally {
            jpeg.release();
        }
    }

    private static void writeReport(Path report, Path src, List<CropOutcome> outcomes)
            throws IOException {
        AtomicFile.write(
                report,
                stream -> {
                    Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    w.write("source,status,reason,faces\n");
                    for (CropOutcome o : outcomes) {
                        if (o.isNoteworthy()) {
                            String reason =
                                    o.reason() == null ? "several_faces_kept_main" : o.reason();
                            w.write(
                                    csv(src.relativize(o.source()).toString())
                                            + ","
                                            + o.status().name().toLowerCase(Locale.ROOT)
                                            + ","
                                            + reason
                                            + ","
                                            + o.faces()
                                            + "\n");
                        }
                    }
                    w.flush();
                });
    }

    private static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    private static CropSummary summarise(List<CropOutcome> outcomes, Path report, double seconds) {
        int cropped = 0;
        int alreadyDone = 0;
        int severalFaces = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (CropOutcome o : outcomes) {
            switch (o.status()) {
                case CROPPED -> cropped++;
                case ALREADY_DONE -> alreadyDone++;
                case SKIPPED -> skipped.merge(o.reason(), 1, Integer::sum);
            }
            if (o.faces() > 1) {
                severalFaces++;
            }
        }
        return new CropSummary(
                outcomes.size(), cropped, alreadyDone, skipped, severalFaces, report, seconds);
    }
}
