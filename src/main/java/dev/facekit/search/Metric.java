package dev.facekit.search;

import java.util.Locale;

/**
 * A distance between L2-normalised embeddings. For unit vectors a and b both follow from the dot
 * product: Euclidean {@code |a - b| = sqrt(2 - 2 a.b)} and cosine {@code 1 - a.b}. Both are
 * monotone in {@code a.b}, so they rank matches identically; they differ only in the numbers
 * reported and in the units of a threshold.
 */
public enum Metric {
    /** Euclidean (L2) distance, from 0 (identical) to 2 (opposite). */
    EUCLIDEAN {
        @Override
        public double distanceFromDot(double dot) {
            return Math.sqrt(Math.max(0.0, 2.0 - 2.0 * dot));
        }

        @Override
        public double thresholdFromL2(double thresholdL2) {
            return thresholdL2;
        }
    },
    /**
     * Cosine distance {@code 1 - cos}, from 0 (identical) to 2 (opposite); equals L2 squared / 2.
     */
    COSINE {
        @Override
        public double distanceFromDot(double dot) {
            return 1.0 - dot;
        }

        @Override
        public double thresholdFromL2(double thresholdL2) {
            return thresholdL2 * thresholdL2 / 2.0;
        }
    };

    /** The distance between two unit vectors whose dot product is {@code dot}. */
    public abstract double distanceFromDot(double dot);

    /** The same decision boundary as a Euclidean threshold, in this metric's units. */
    public abstract double thresholdFromL2(double thresholdL2);

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code euclidean}, {@code l2} or {@code cosine}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Metric parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "euclidean", "l2" -> EUCLIDEAN;
            case "cosine" -> COSINE;
            default ->
                    throw new IllegalArgumentException(
                            "unknown metric '" + name + "': use euclidean or cosine");
        };
    }
}
