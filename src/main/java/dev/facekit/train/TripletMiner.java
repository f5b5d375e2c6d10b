package dev.facekit.train;

import java.util.Locale;

/**
 * Chooses the triplets a batch is trained on, from the squared distances between its embeddings.
 * Mining runs on plain numbers detached from the network; the loss is then taken on the chosen
 * triplets with gradients.
 *
 * <p>Only anchors with at least one other image of their person and at least one image of another
 * person take part, so people with a single image in the batch serve as negatives only.
 */
public interface TripletMiner {

    /** The name used on the command line and in saved models, such as {@code batch-hard}. */
    String name();

    /**
     * Chooses triplets.
     *
     * @param squaredDistances the batch's pairwise squared Euclidean distances, B x B
     * @param labels the person of each image, B entries
     * @param margin the triplet margin, for miners whose choice depends on it
     */
    Triplets mine(float[][] squaredDistances, int[] labels, float margin);

    /**
     * Returns the miner of that name: {@code batch-all}, {@code batch-hard} or {@code semi-hard}.
     *
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    static TripletMiner named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case BatchAllMiner.NAME -> new BatchAllMiner();
            case BatchHardMiner.NAME -> new BatchHardMiner();
            case SemiHardMiner.NAME -> new SemiHardMiner();
            default ->
                    throw new IllegalArgumentException(
                            "unknown miner '" + name + "'; use batch-all, batch-hard or semi-hard");
        };
    }
}
