package dev.facekit.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding of every image an evaluation needs, each computed once: a pair file names the same
 * image in many pairs (7,701 distinct images for LFW's 12,000 pair slots).
 */
public final class EmbeddedImages {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedImages.class);

    /** Images handed to the embedder at a time; also how often progress is logged. */
    public static final int DEFAULT_BATCH = 256;

    private final Map<Path, float[]> byImage;
    private final double seconds;

    private EmbeddedImages(Map<Path, float[]> byImage, double seconds) {
        this.byImage = byImage;
        this.seconds = seconds;
    }

    /**
     * Embeds each distinct image of {@code images} once, in batches, logging progress with a rate
     * and an estimate of the time left.
     */
    public static EmbeddedImages embed(List<Path> images, ImageEmbedder embedder, int batchSize)
            throws IOException {
        List<Path> distinct = images.stream().distinct().toList();
        Map<Path, float[]> byImage = new HashMap<>(distinct.size() * 2);
        long start = System.nanoTime();
        for (int from = 0; from < distinct.size(); from += batchSize) {
            List<Path> batch = distinct.subList(from, Math.min(distinct.size(), from + batchSize));
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
            }
            logProgress(byImage.size(), distinct.size(), start);
        }
        return new EmbeddedImages(byImage, (System.nanoTime() - start) / 1e9);
    }

    /** The embedding of {@code image}; it must have been embedded. */
    public float[] of(Path image) {
        float[] vector = byImage.get(image);
        if (vector == null) {
            throw new IllegalArgumentException(image + " was not embedded");
        }
        return vector;
    }

    /** The number of distinct images embedded. */
    public int size() {
        return byImage.size();
    }

    /** Wall-clock seconds spent embedding. */
    public double seconds() {
        return seconds;
    }

    /** The Euclidean distance between two images' embeddings. */
    public double distance(Path first, Path second) {
        return euclidean(of(first), of(second));
    }

    /** The Euclidean distance between two vectors of equal length. */
    static double euclidean(float[] a, float[] b) {
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

    private static void logProgress(int done, int total, long startNanos) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double rate = done / Math.max(elapsed, 1e-9);
        log.info(
                String.format(
                        Locale.ROOT,
                        "embedded %d/%d images (%.0f%%), %.1f images/s, about %.0f s left",
                        done,
                        total,
                        100.0 * done / total,
                        rate,
                        (total - done) / rate));
    }
}
