package dev.facekit.train;

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
        Triplets.Collector found = new Triplets.Collector(n);
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
                found.add(a, hardestPositive, hardestNegative);
            }
        }
        return found.build(false);
    }
}
