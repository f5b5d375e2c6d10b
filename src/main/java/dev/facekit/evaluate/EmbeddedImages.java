package dev.facekit.evaluate;

import dev.facekit.progress.ProgressBar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding of every image an evaluation needs, each computed once: a pair file names the same
 * image in many pairs (7,701 distinct images for LFW's 12,000 pair slots).
 *
 * <p>An image in which the model's pipeline found no usable face has no embedding. Any distance to
 * it is {@link #NO_FACE_DISTANCE}, farther than two L2-normalised embeddings can be, so a pair or a
 * search involving it is always judged "not the same person", as a deployed system would judge it.
 * It still counts in every rate.
 */
public final class EmbeddedImages {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedImages.class);

    /** Images handed to the embedder at a time. */
    public static final int DEFAULT_BATCH = 64;

    /** The distance to an image without a face: unit vectors are at most 2 apart. */
    public static final double NO_FACE_DISTANCE = 4.0;

    private final Map<Path, float[]> byImage;
    private final List<Path> withoutFace;
    private final double seconds;

    private EmbeddedImages(Map<Path, float[]> byImage, List<Path> withoutFace, double seconds) {
        this.byImage = byImage;
        this.withoutFace = List.copyOf(withoutFace);
        this.seconds = seconds;
    }

    /**
     * Embeds each distinct image of {@code images} once, in batches, with a progress bar on
     * standard error.
     */
    public static EmbeddedImages embed(List<Path> images, ImageEmbedder embedder, int batchSize)
            throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
        }
        List<Path> distinct = images.stream().distinct().toList();
        Map<Path, float[]> byImage = new HashMap<>(distinct.size() * 2);
        List<Path> withoutFace = new ArrayList<>();
        long start = System.nanoTime();
        try (ProgressBar progress = new ProgressBar("Embedding", distinct.size(), "images")) {
            for (int from = 0; from < distinct.size(); from += batchSize) {
                List<Path> batch =
                        distinct.subList(from, Math.min(distinct.size(), from + batchSize));
                float[][] vectors = embedder.embed(batch);
                if (vectors.length != batch.size()) {
                    throw new IllegalStateException(
                            "the embedder returned "
                                    + vectors.length
                                    + " vectors for "
                                    + batch.size()
                                    + " images");
                }
                for (int i = 0; i < vectors.length; i++) {
                    byImage.put(batch.get(i), vectors[i]);
                    if (vectors[i] == null) {
                        withoutFace.add(batch.get(i));
                    }
                }
                progress.stepBy(batch.size());
            }
        }
        if (!withoutFace.isEmpty()) {
            log.warn(
                    "{} of {} images gave no face; every pair or search with one of them is"
                            + " judged 'not the same person'",
                    withoutFace.size(),
                    distinct.size());
        }
        return new EmbeddedImages(byImage, withoutFace, (System.nanoTime() - start) / 1e9);
    }

    /** The embedding of {@code image}, or null when no face was found in it. */
    public float[] of(Path image) {
        if (!byImage.containsKey(image)) {
            throw new IllegalArgumentException(image + " was not embedded");
        }
        return byImage.get(image);
    }

    /** The number of distinct images embedded. */
    public int size() {
        return byImage.size();
    }

    /** The images in which no usable face was found, in the order they were embedded. */
    public List<Path> withoutFace() {
        return withoutFace;
    }

    /** Wall-clock seconds spent embedding. */
    public double seconds() {
        return seconds;
    }

    /** The Euclidean distance between two images' embeddings. */
    public double distance(Path first, Path second) {
        return euclidean(of(first), of(second));
    }

    /**
     * The Euclidean distance between two vectors of equal length; {@link #NO_FACE_DISTANCE} when
     * either is null.
     */
    static double euclidean(float[] a, float[] b) {
        if (a == null || b == null) {
            return NO_FACE_DISTANCE;
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "embeddings differ in length: " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
