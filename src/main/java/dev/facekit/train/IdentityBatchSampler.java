package dev.facekit.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws P people x K images per batch, the batch shape batch-hard and batch-all mining need (every
 * anchor has positives and many negatives in the same batch). Defaults are 16 x 4 = 64 images, the
 * shape of Hermans et al. scaled to a CPU: larger batches were measured no faster per image.
 *
 * <p>Only people with at least two images are drawn as P; people with one image can only be
 * negatives, and join a batch as {@code singlesPerBatch} extra chips when asked. An epoch has as
 * many batches as it takes to show the eligible images about once. Each epoch's batches depend only
 * on the seed and the epoch number, so a resumed run draws what the interrupted one would have.
 */
public final class IdentityBatchSampler {

    /** People per batch by default. */
    public static final int DEFAULT_PEOPLE = 16;

    /** Images per person by default. */
    public static final int DEFAULT_IMAGES = 4;

    private final int[][] imagesOfEligible;
    private final int[] singles;
    private final int peoplePerBatch;
    private final int imagesPerPerson;
    private final int singlesPerBatch;
    private final long seed;
    private final int batchesPerEpoch;

    /**
     * @param labels the person of each chip
     * @param peoplePerBatch P
     * @param imagesPerPerson K, at least 2; people with fewer images give what they have
     * @param singlesPerBatch how many single-image people to add to each batch as negatives
     * @param seed makes the draws repeatable
     * @throws IllegalArgumentException when fewer than two people have two or more images
     */
    public IdentityBatchSampler(
            int[] labels, int peoplePerBatch, int imagesPerPerson, int singlesPerBatch, long seed) {
        if (peoplePerBatch < 2 || imagesPerPerson < 2 || singlesPerBatch < 0) {
            throw new IllegalArgumentException(
                    "a batch needs at least 2 people x 2 images, got "
                            + peoplePerBatch
                            + " x "
                            + imagesPerPerson);
        }
        int people = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> byPerson = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            byPerson.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byPerson.get(labels[i]).add(i);
        }
        List<int[]> eligible = new ArrayList<>();
        List<Integer> single = new ArrayList<>();
        int eligibleImages = 0;
        for (List<Integer> images : byPerson) {
            if (images.size() >= 2) {
                eligible.add(images.stream().mapToInt(Integer::intValue).toArray());
                eligibleImages += images.size();
            } else if (images.size() == 1) {
                single.add(images.get(0));
            }
        }
        if (eligible.size() < 2) {
            throw new IllegalArgumentException(
                    "training needs at least 2 people with 2 or more images each; found "
                            + eligible.size());
        }
        this.imagesOfEligible = eligible.toArray(new int[0][]);
        this.singles = single.stream().mapToInt(Integer::intValue).toArray();
        this.peoplePerBatch = Math.min(peoplePerBatch, eligible.size());
        this.imagesPerPerson = imagesPerPerson;
        this.singlesPerBatch = singles.length == 0 ? 0 : singlesPerBatch;
        this.seed = seed;
        this.batchesPerEpoch =
                Math.max(
                        1,
                        (eligibleImages + this.peoplePerBatch * imagesPerPerson - 1)
                                / (this.peoplePerBatch * imagesPerPerson));
    }

    /** Batches in each epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Chips in a full batch. */
    public int batchSize() {
        return peoplePerBatch * imagesPerPerson + singlesPerBatch;
    }

    /** People with two or more images. */
    public int eligiblePeople() {
        return imagesOfEligible.length;
    }

    /** The batches of one epoch (numbered from 1), each an array of chip indices. */
    public List<int[]> epoch(int epoch) {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<Integer> people = shuffledRange(imagesOfEligible.length, random);
        int[][] imageOrder = new int[imagesOfEligible.length][];
        int[] nextImage = new int[imagesOfEligible.length];
        for (int p = 0; p < imagesOfEligible.length; p++) {
            imageOrder[p] = shuffled(imagesOfEligible[p], random);
        }
        List<Integer> singleOrder = shuffledRange(singles.length, random);

        List<int[]> batches = new ArrayList<>();
        int nextPerson = 0;
        int nextSingle = 0;
        for (int b = 0; b < batchesPerEpoch; b++) {
            List<Integer> chips = new ArrayList<>();
            List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < peoplePerBatch) {
                if (nextPerson == people.size()) {
                    Collections.shuffle(people, random);
                    nextPerson = 0;
                }
                int person = people.get(nextPerson++);
                if (chosen.contains(person)) {
                    continue;
                }
                chosen.add(person);
                int[] order = imageOrder[person];
                for (int k = 0; k < Math.min(imagesPerPerson, order.length); k++) {
                    chips.add(order[nextImage[person]]);
                    nextImage[person] = (nextImage[person] + 1) % order.length;
                }
            }
            for (int s = 0; s < singlesPerBatch; s++) {
                if (nextSingle == singleOrder.size()) {
                    Collections.shuffle(singleOrder, random);
                    nextSingle = 0;
                }
                chips.add(singles[singleOrder.get(nextSingle++)]);
            }
            batches.add(chips.stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    private static List<Integer> shuffledRange(int n, Random random) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        Collections.shuffle(list, random);
        return list;
    }

    private static int[] shuffled(int[] values, Random random) {
        int[] copy = values.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }
}
