package dev.facekit.train;

/**
 * FaceNet's semi-hard mining (Schroff, Kalenichenko and Philbin, 2015): every anchor-positive pair
 * of the batch, each with the nearest negative that is still farther from the anchor than the
 * positive, {@code d(a,p) < d(a,n)}; such negatives are hard enough to teach but avoid the collapse
 * that the very hardest ones cause early in training. Where no negative is farther than the
 * positive, the farthest negative is taken (the gentlest choice; the same fallback as TensorFlow
 * Addons' semi-hard loss). The loss is averaged over all pairs; those whose negative lies beyond
 * the margin contribute zero.
 */
public final class SemiHardMiner implements TripletMiner {

    static final String NAME = "semi-hard";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Triplets mine(float[][] squaredDistances, int[] labels, float margin) {
        int n = labels.length;
        Triplets.Collector found = new Triplets.Collector(n * n);
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                int negative = semiHardNegative(squaredDistances[a], labels, a, p);
                if (negative >= 0) {
                    found.add(a, p, negative);
                }
            }
        }
        return found.build(false);
    }

    /** The nearest negative beyond the positive, else the farthest negative, else -1. */
    private static int semiHardNegative(float[] fromAnchor, int[] labels, int a, int p) {
        float positive = fromAnchor[p];
        int nearestBeyond = -1;
        int farthest = -1;
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] == labels[a]) {
                continue;
            }
            float d = fromAnchor[j];
            if (d > positive && (nearestBeyond < 0 || d < fromAnchor[nearestBeyond])) {
                nearestBeyond = j;
            }
            if (farthest < 0 || d > fromAnchor[farthest]) {
                farthest = j;
            }
        }
        return nearestBeyond >= 0 ? nearestBeyond : farthest;
    }
}
