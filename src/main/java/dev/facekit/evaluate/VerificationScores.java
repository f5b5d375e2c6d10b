package dev.facekit.evaluate;

import java.util.Arrays;

/**
 * Scored verification pairs: for each pair the distance between its two embeddings, whether it
 * truly shows one person, and the fold it belongs to. A pair is judged "same person" when its
 * distance is below the threshold.
 */
public final class VerificationScores {

    private final double[] distances;
    private final boolean[] same;
    private final int[] folds;

    /**
     * @param distances the distance of each pair; finite
     * @param same whether each pair truly shows one person
     * @param folds the 0-based fold of each pair
     */
    public VerificationScores(double[] distances, boolean[] same, int[] folds) {
        if (distances.length != same.length || distances.length != folds.length) {
            throw new IllegalArgumentException(
                    "distances, labels and folds differ in length: "
                            + distances.length
                            + ", "
                            + same.length
                            + ", "
                            + folds.length);
        }
        for (int i = 0; i < distances.length; i++) {
            if (!Double.isFinite(distances[i])) {
                throw new IllegalArgumentException("distance " + i + " is " + distances[i]);
            }
            if (folds[i] < 0) {
                throw new IllegalArgumentException("fold " + i + " is " + folds[i]);
            }
        }
        this.distances = distances.clone();
        this.same = same.clone();
        this.folds = folds.clone();
    }

    /** Scores that all belong to fold 0. */
    public static VerificationScores singleFold(double[] distances, boolean[] same) {
        return new VerificationScores(distances, same, new int[distances.length]);
    }

    /** The number of pairs. */
    public int size() {
        return distances.length;
    }

    /** The distance of pair {@code i}. */
    public double distance(int i) {
        return distances[i];
    }

    /** Whether pair {@code i} truly shows one person. */
    public boolean isSame(int i) {
        return same[i];
    }

    /** The fold of pair {@code i}. */
    public int fold(int i) {
        return folds[i];
    }

    /** The number of folds: one more than the highest fold number; 0 when empty. */
    public int foldCount() {
        return Arrays.stream(folds).max().orElse(-1) + 1;
    }

    /** The number of same-person pairs. */
    public int sameCount() {
        int count = 0;
        for (boolean s : same) {
            count += s ? 1 : 0;
        }
        return count;
    }

    /** The number of different-person pairs. */
    public int differentCount() {
        return size() - sameCount();
    }

    /** The pairs of fold {@code k}. */
    public VerificationScores onlyFold(int k) {
        return select(k, true);
    }

    /** Every pair except those of fold {@code k}. */
    public VerificationScores withoutFold(int k) {
        return select(k, false);
    }

    /** The distances of the same-person pairs, or of the different-person pairs. */
    public double[] distancesOf(boolean samePerson) {
        double[] chosen = new double[samePerson ? sameCount() : differentCount()];
        int n = 0;
        for (int i = 0; i < distances.length; i++) {
            if (same[i] == samePerson) {
                chosen[n++] = distances[i];
            }
        }
        return chosen;
    }

    private VerificationScores select(int k, boolean inFold) {
        int count = 0;
        for (int fold : folds) {
            count += (fold == k) == inFold ? 1 : 0;
        }
        double[] d = new double[count];
        boolean[] s = new boolean[count];
        int[] f = new int[count];
        int n = 0;
        for (int i = 0; i < distances.length; i++) {
            if ((folds[i] == k) == inFold) {
                d[n] = distances[i];
                s[n] = same[i];
                f[n] = folds[i];
                n++;
            }
        }
        return new VerificationScores(d, s, f);
    }
}
