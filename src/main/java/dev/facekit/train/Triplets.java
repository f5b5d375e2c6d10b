package dev.facekit.train;

import java.util.Arrays;

/**
 * Triplets (anchor, positive, negative) chosen by a {@link TripletMiner} from one batch, as indices
 * into the batch: triplet {@code i} is {@code (anchors[i], positives[i], negatives[i])}.
 *
 * @param anchors anchor indices
 * @param positives indices of images of the anchor's person
 * @param negatives indices of images of other people
 * @param averageOverActive whether the batch loss is the mean over triplets with a positive loss
 *     only (batch-all, where the many easy triplets would otherwise drown the signal) rather than
 *     over all mined triplets
 */
public record Triplets(int[] anchors, int[] positives, int[] negatives, boolean averageOverActive) {

    /** Checks that the three index arrays line up. */
    public Triplets {
        if (anchors.length != positives.length || anchors.length != negatives.length) {
            throw new IllegalArgumentException("anchor, positive and negative counts differ");
        }
    }

    /** The number of triplets. */
    public int size() {
        return anchors.length;
    }

    /** Collects triplets one at a time, as the miners find them. */
    static final class Collector {
        private final int[] anchors;
        private final int[] positives;
        private final int[] negatives;
        private int count;

        /**
         * @param capacity the most triplets that will be added
         */
        Collector(int capacity) {
            anchors = new int[capacity];
            positives = new int[capacity];
            negatives = new int[capacity];
        }

        void add(int anchor, int positive, int negative) {
            anchors[count] = anchor;
            positives[count] = positive;
            negatives[count] = negative;
            count++;
        }

        Triplets build(boolean averageOverActive) {
            return new Triplets(
                    Arrays.copyOf(anchors, count),
                    Arrays.copyOf(positives, count),
                    Arrays.copyOf(negatives, count),
                    averageOverActive);
        }
    }
}
