package dev.facekit.embed;

import dev.facekit.crop.ChipCutter;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.MainFace;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.Picture;
import dev.facekit.image.UnreadableImageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the faces in photos: decode, detect, cut each face's chip the way the model expects, and
 * run the model on the chips in batches. Not thread-safe.
 */
public final class PhotoEmbedder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoEmbedder.class);

    /** Chips per forward pass; STACK-NOTES measured no gain per image past 32 on 2 cores. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final FaceDetector detector;
    private final ChipCutter cutter;
    private final FaceEmbedder embedder;
    private final int batchSize;
    private final ImageDecoder decoder = new ImageDecoder();

    /**
     * @param detector finds the faces; must give landmarks when the cutter needs them
     * @param cutter cuts each face's chip as the model's framing says
     * @param embedder the model; closed with this object
     * @param batchSize chips per forward pass
     */
    public PhotoEmbedder(
            FaceDetector detector, ChipCutter cutter, FaceEmbedder embedder, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.detector = detector;
        this.cutter = cutter;
        this.embedder = embedder;
        this.batchSize = batchSize;
    }

    /** The model's description. */
    public ModelInfo model() {
        return embedder.info();
    }

    /** The detector's name, for provenance. */
    public String detectorName() {
        return detector.name();
    }

    /**
     * Embeds every face in one photo.
     *
     * @return the faces with their embeddings, boxes in the file's pixels; empty when none
     */
    public List<EmbeddedFace> embedAll(Path photo) throws UnreadableImageException {
        Picture picture = decoder.read(photo);
        try {
            List<DetectedFace> faces = usable(detector.detect(picture.bgr()), photo);
            List<Mat> chips = new ArrayList<>(faces.size());
            for (DetectedFace face : faces) {
                chips.add(cutter.cut(picture.bgr(), face));
            }
            float[][] embeddings = embedInBatches(chips);
            List<EmbeddedFace> result = new ArrayList<>(faces.size());
            for (int i = 0; i < faces.size(); i++) {
                result.add(
                        new EmbeddedFace(
                                faces.get(i).scaled(picture.scaleToOriginal()), embeddings[i]));
            }
            return result;
        } finally {
            picture.release();
        }
    }

    /**
     * Embeds the main face (large, near the centre) of each photo, batching chips across photos.
     *
     * @param onEach told after each photo is read, for progress
     * @return per photo, in order: the main face's embedding, or empty when the file was unreadable
     *     or held no usable face (logged as one WARN line)
     */
    public List<Optional<EmbeddedFace>> embedMain(List<Path> photos, Consumer<Path> onEach) {
        List<Optional<EmbeddedFace>> results = new ArrayList<>(photos.size());
        List<Mat> chips = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<DetectedFace> found = new ArrayList<>();
        for (Path photo : photos) {
            results.add(Optional.empty());
            cutMain(photo)
                    .ifPresent(
                            chip -> {
                                slots.add(results.size() - 1);
                                found.add(chip.face());
                                chips.add(chip.pixels());
                            });
            if (chips.size() == batchSize) {
                fill(results, slots, found, chips);
            }
            onEach.accept(photo);
        }
        fill(results, slots, found, chips);
        return results;
    }

    /**
     * Embeds images that are already face chips (the output of {@code facekit crop}, say): each
     * whole image is one chip, resized by the model; no detection.
     *
     * @return per image, its embedding, or {@code null} when the file was unreadable
     */
    public float[][] embedChipFiles(List<Path> chipFiles, Consumer<Path> onEach) {
        float[][] results = new float[chipFiles.size()][];
        List<Mat> chips = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < chipFiles.size(); i++) {
            try {
                chips.add(decoder.read(chipFiles.get(i)).bgr());
                slots.add(i);
            } catch (UnreadableImageException e) {
                LOG.warn("{}", e.getMessage());
            }
            if (chips.size() == batchSize || i == chipFiles.size() - 1) {
                float[][] batch = embedInBatches(chips);
                for (int j = 0; j < batch.length; j++) {
                    results[slots.get(j)] = batch[j];
                }
                chips.clear();
                slots.clear();
            }
            onEach.accept(chipFiles.get(i));
        }
        return results;
    }

    private record Chip(DetectedFace face, Mat pixels) {}

    private Optional<Chip> cutMain(Path photo) {
        Picture picture;
        try {
            picture = decoder.read(photo);
        } catch (UnreadableImageException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.empty();
        }
        try {
            List<DetectedFace> faces = usable(detector.detect(picture.bgr()), photo);
            Optional<DetectedFace> main = MainFace.of(faces, picture.width(), picture.height());
            if (main.isEmpty()) {
                LOG.warn("{}: no face found", photo);
                return Optional.empty();
            }
            Mat chip = cutter.cut(picture.bgr(), main.get());
            return Optional.of(new Chip(main.get().scaled(picture.scaleToOriginal()), chip));
        } finally {
            picture.release();
        }
    }

    private List<DetectedFace> usable(List<DetectedFace> faces, Path photo) {
        if (!cutter.needsLandmarks()) {
            return faces;
        }
        List<DetectedFace> withLandmarks = new ArrayList<>(faces.size());
        for (DetectedFace face : faces) {
            if (face.hasLandmarks()) {
                withLandmarks.add(face);
            } else {
                LOG.warn("{}: a face without landmarks cannot be aligned; skipped", photo);
            }
        }
        return withLandmarks;
    }

    private void fill(
            List<Optional<EmbeddedFace>> results,
            List<Integer> slots,
            List<DetectedFace> found,
            List<Mat> chips) {
        float[][] embeddings = embedInBatches(chips);
        for (int i = 0; i < embeddings.length; i++) {
            results.set(slots.get(i), Optional.of(new EmbeddedFace(found.get(i), embeddings[i])));
        }
        slots.clear();
        found.clear();
        chips.clear();
    }

    private float[][] embedInBatches(List<Mat> chips) {
        float[][] all = new float[chips.size()][];
        for (int start = 0; start < chips.size(); start += batchSize) {
            List<Mat> batch = chips.subList(start, Math.min(chips.size(), start + batchSize));
            float[][] embedded = embedder.embed(batch);
            System.arraycopy(embedded, 0, all, start, embedded.length);
        }
        chips.forEach(Mat::release);
        return all;
    }

    /** Closes the model and the detector. */
    @Override
    public void close() {
        embedder.close();
        detector.close();
    }
}
