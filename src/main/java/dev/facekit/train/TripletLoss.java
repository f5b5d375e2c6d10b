package dev.facekit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The triplet loss on squared Euclidean distances of L2-normalised embeddings, with triplets mined
 * online inside each batch:
 *
 * <pre>
 *   L(a, p, n) = max(0, ||f(a) - f(p)||^2 - ||f(a) - f(n)||^2 + margin)
 * </pre>
 *
 * <p>The default margin, {@value #DEFAULT_MARGIN}, is FaceNet's for unit-length 128-d embeddings,
 * whose squared distances lie in [0, 4]. Squared distances need no square root, so the gradient
 * stays finite even for identical embeddings; the Euclidean distances reported for monitoring are
 * computed apart from the gradient.
 */
public final class TripletLoss {

    /** FaceNet's margin on squared distances between unit vectors. */
    public static final float DEFAULT_MARGIN = 0.2f;

    private final TripletMiner miner;
    private final float margin;

    /**
     * @param miner chooses the triplets of each batch
     * @param margin how much farther a negative must be than the positive, in squared distance;
     *     {@link #DEFAULT_MARGIN} by default
     */
    public TripletLoss(TripletMiner miner, float margin) {
        if (!(margin > 0)) {
            throw new IllegalArgumentException("the margin must be positive: " + margin);
        }
        this.miner = miner;
        this.margin = margin;
    }

    /** The miner. */
    public TripletMiner miner() {
        return miner;
    }

    /** The margin. */
    public float margin() {
        return margin;
    }

    /**
     * The loss of one batch and what it saw.
     *
     * @param loss the scalar loss, attached to the embeddings' graph
     * @param triplets how many triplets were mined
     * @param activeTriplets how many of them had a positive loss (still inside the margin)
     * @param meanSameDistance mean Euclidean distance between images of one person, over all such
     *     pairs of the batch
     * @param meanDifferentDistance mean Euclidean distance between images of different people
     */
    public record Result(
            NDArray loss,
            int triplets,
            int activeTriplets,
            double meanSameDistance,
            double meanDifferentDistance) {

        /** The share of mined triplets with a positive loss, 0 when none were mined. */
        public double activeShare() {
            return triplets == 0 ? 0 : (double) activeTriplets / triplets;
        }
    }

    /**
     * Mines the batch and computes its loss.
     *
     * @param embeddings B x D embeddings (normally L2-normalised by the network)
     * @param labels the person of each row, B entries
     */
    public Result compute(NDArray embeddings, int[] labels) {
        int n = labels.length;
        if (embeddings.getShape().get(0) != n) {
            throw new IllegalArgumentException(
                    "embeddings have "
                            + embeddings.getShape().get(0)
                            + " rows for "
                            + n
                            + " labels");
        }
        NDArray squared = squaredDistances(embeddings);
        float[][] distances = toMatrix(squared.toFloatArray(), n);

        Triplets triplets = miner.mine(distances, labels, margin);
        int active = countActive(triplets, distances);

        NDArray loss;
        if (triplets.size() == 0) {
            // Keeps the graph connected so a step with nothing to learn is still a valid step.
            loss = embeddings.sum().mul(0);
        } else {
            NDArray hinge = hinge(squared, triplets, n);
            int denominator = triplets.averageOverActive() ? Math.max(active, 1) : triplets.size();
            loss = hinge.sum().div(denominator);
        }
        double[] means = meanDistances(distances, labels);
        return new Result(loss, triplets.size(), active, means[0], means[1]);
    }

    /**
     * Pairwise squared Euclidean distances, {@code |x|^2 + |y|^2 - 2 x.y}, clamped at zero against
     * rounding.
     */
    static NDArray squaredDistances(NDArray embeddings) {
        NDArray norms = embeddings.square().sum(new int[] {1}, true);
        NDArray dots = embeddings.matMul(embeddings.transpose());
        return norms.add(norms.transpose()).sub(dots.mul(2)).maximum(0f);
    }

    private NDArray hinge(NDArray squared, Triplets triplets, int n) {
        NDManager manager = squared.getManager();
        long[] positiveCells = new long[triplets.size()];
        long[] negativeCells = new long[triplets.size()];
        for (int i = 0; i < triplets.size(); i++) {
            positiveCells[i] = (long) triplets.anchors()[i] * n + triplets.positives()[i];
            negativeCells[i] = (long) triplets.anchors()[i] * n + triplets.negatives()[i];
        }
        NDArray positive = squared.take(manager.create(positiveCells));
        NDArray negative = squared.take(manager.create(negativeCells));
        return positive.sub(negative).add(margin).maximum(0f);
    }

    private int countActive(Triplets triplets, float[][] d) {
        int active = 0;
        for (int i = 0; i < triplets.size(); i++) {
            int a = triplets.anchors()[i];
            // Same float operations, in the same order, as the hinge on the device.
            float value = d[a][triplets.positives()[i]] - d[a][triplets.negatives()[i]] + margin;
            if (value > 0) {
                active++;
            }
        }
        return active;
    }

    private static double[] meanDistances(float[][] d, int[] labels) {
        double same = 0;
        double different = 0;
        long sameCount = 0;
        long differentCount = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int j = i + 1; j < labels.length; j++) {
                double distance = Math.sqrt(Math.max(0, d[i][j]));
                if (labels[i] == labels[j]) {
                    same += distance;
                    sameCount++;
                } else {
                    different += distance;
                    differentCount++;
                }
            }
        }
        return new double[] {
            sameCount == 0 ? Double.NaN : same / sameCount,
            differentCount == 0 ? Double.NaN : different / differentCount
        };
    }

    private static float[][] toMatrix(float[] values, int n) {
        float[][] rows = new float[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, i * n, rows[i], 0, n);
        }
        return rows;
    }
}
