package dev.facekit.train;

import ai.djl.ndarray.NDArray;

/**
 * An auxiliary classification loss on the embeddings: softmax cross-entropy over the cosine
 * similarities between each embedding and one learned direction per training person, with an
 * additive cosine margin (CosFace: Wang et al., 2018; NormFace: Wang et al., 2017):
 *
 * <pre>
 *   L = -log( e^{s (cos_y - m)} / (e^{s (cos_y - m)} + sum_{j != y} e^{s cos_j}) )
 * </pre>
 *
 * <p>Every image pulls its embedding towards its person's direction and away from all others, not
 * only from the few other people in its batch, which speeds up learning on small datasets. The
 * scale {@value #SCALE} and margin {@value #MARGIN} are moderate values for a few thousand classes.
 */
final class ClassificationLoss {

    /** Logit scale s: cosines in [-1, 1] need stretching for a softmax to become confident. */
    static final float SCALE = 16f;

    /** Cosine margin m subtracted from the true class. */
    static final float MARGIN = 0.1f;

    private ClassificationLoss() {}

    /**
     * The mean loss of a batch.
     *
     * @param cosines B x C cosine similarities to the class directions
     * @param classes the person of each row
     */
    static NDArray compute(NDArray cosines, int[] classes) {
        int classCount = Math.toIntExact(cosines.getShape().get(1));
        NDArray truth = cosines.getManager().create(classes).oneHot(classCount);
        NDArray logProbabilities = cosines.sub(truth.mul(MARGIN)).mul(SCALE).logSoftmax(1);
        return logProbabilities.mul(truth).sum(new int[] {1}).mean().neg();
    }
}
