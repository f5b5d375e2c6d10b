package dev.facekit.train;

/**
 * Batch-all mining: every valid triplet of the batch, the loss averaged over the active ones (those
 * still inside the margin), as in Hermans, Beyer and Leibe, "In Defense of the Triplet Loss for
 * Person Re-Identification" (2017). A P x K batch holds P K (K - 1) (P K - K) triplets: 11,520 for
 * 16 x 4.
 */
public final class BatchAllMiner implements TripletMiner {

    static final String NAME = "batch-all";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Triplets mine(float[][] squaredDistances, int[] labels, float margin) {
        int n = labels.length;
        int capacity = 0;
        for (int a = 0; a < n; a++) {
            int same = 0;
            for (int j = 0; j < n; j++) {
                if (labels[j] == labels[a]) {
                    same++;
                }
            }
            capacity += (same - 1) * (n - same);
        }

        Triplets.Collector found = new Triplets.Collector(capacity);
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int q = 0; q < n; q++) {
                    if (labels[q] != labels[a]) {
                        found.add(a, p, q);
                    }
                }
            }
        }
        return found.build(true);
    }
}
