package dev.facekit.train;

import java.util.Arrays;

/**
 * Batch-hard mining: for each anchor, its farthest positive and its nearest negative in the batch,
 * one triplet per anchor, averaged over all anchors (Hermans, Beyer and Leibe, 2017). Ties go to
 * the lowest batch index, so the choice is reproducible.
 */
public final class BatchHardMiner implements TripletMiner {

    static final String NAME = "batch-hard";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Triplets mine(float[][] squaredDistances, int[] labels, float margin) {
        int n = labels.length;
        int[] anchors = new int[n];
        int[] positives = new int[n];
        int[] negatives = new int[n];
        int count = 0;
        for (int a = 0; a < n; a++) {
            int hardestPositive = -1;
            int hardestNegative = -1;
            for (int j = 0; j < n; j++) {
                float d = squaredDistances[a][j];
                if (j != a && labels[j] == labels[a]) {
                    if (hardestPositive < 0 || d > squaredDistances[a][hardestPositive]) {
                        hardestPositive = j;
                    }
                } else if (labels[j] != labels[a]) {
                    if (hardestNegative < 0 || d < squaredDistances[a][hardestNegative]) {
                        hardestNegative = j;
                    }
                }
            }
            if (hardestPositive >= 0 && hardestNegative >= 0) {
                anchors[count] = a;
                positives[count] = hardestPositive;
                negatives[count] = hardestNegative;
                count++;
            }
        }
        return new Triplets(
                Arrays.copyOf(anchors, count),
                Arrays.copyOf(positives, count),
                Arrays.copyOf(negatives, count),
                false);
    }
}
