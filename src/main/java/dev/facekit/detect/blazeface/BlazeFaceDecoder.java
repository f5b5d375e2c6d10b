package dev.facekit.detect.blazeface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns BlazeFace's raw outputs into faces: anchor offsets into boxes and keypoints, logits into
 * probabilities, and overlapping predictions of one face into one by score-weighted blending.
 *
 * <p>For anchor centre {@code (ax, ay)} and an input of {@code S} pixels, the network's 16
 * regressors {@code r} decode as box centre {@code (ax + r0 / S, ay + r1 / S)}, size {@code (r2 /
 * S, r3 / S)}, and keypoint {@code k} at {@code (ax + r(4+2k) / S, ay + r(5+2k) / S)}; the score is
 * {@code sigmoid(logit)}.
 *
 * <p>Blending follows MediaPipe's "weighted" suppression: take the best remaining prediction,
 * gather every remaining one whose box overlaps it by at least the IoU threshold, and replace the
 * group by the score-weighted mean of its boxes and keypoints, keeping the best score. Averaging
 * the many anchors that fire on one face steadies the keypoints noticeably compared with keeping
 * only the best anchor.
 */
final class BlazeFaceDecoder {

    /** MediaPipe's face detection graphs keep predictions above 0.5. */
    static final double DEFAULT_MIN_SCORE = 0.5;

    /** MediaPipe's face detection graphs blend predictions that overlap by 0.3 IoU or more. */
    static final double DEFAULT_BLEND_IOU = 0.3;

    /** MediaPipe clips logits to this range before the sigmoid. */
    private static final double LOGIT_CLIP = 100;

    private static final float[][] ANCHORS = AnchorGrid.centres();

    private BlazeFaceDecoder() {}

    /**
     * Decodes every anchor whose score reaches {@code minScore}.
     *
     * @param logits {@link AnchorGrid#COUNT} raw scores, in anchor order
     * @param regressors {@link AnchorGrid#COUNT} x 16 raw offsets, in anchor order
     * @param inputSizePx side of the network's input square
     */
    static List<Candidate> decode(
            float[] logits, float[] regressors, int inputSizePx, double minScore) {
        if (logits.length != AnchorGrid.COUNT
                || regressors.length != AnchorGrid.COUNT * Candidate.GEOMETRY_SIZE) {
            throw new IllegalArgumentException(
                    "BlazeFace outputs have the wrong size: "
                            + logits.length
                            + " scores, "
                            + regressors.length
                            + " regressors");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < AnchorGrid.COUNT; i++) {
            double score = sigmoid(logits[i]);
            if (score < minScore) {
                continue;
            }
            int offset = i * Candidate.GEOMETRY_SIZE;
            double[] geometry = new double[Candidate.GEOMETRY_SIZE];
            for (int j = 0; j < Candidate.GEOMETRY_SIZE; j++) {
                geometry[j] = regressors[offset + j] / (double) inputSizePx;
            }
            geometry[0] += ANCHORS[i][0];
            geometry[1] += ANCHORS[i][1];
            for (int j = Candidate.FIRST_KEYPOINT; j < Candidate.GEOMETRY_SIZE; j += 2) {
                geometry[j] += ANCHORS[i][0];
                geometry[j + 1] += ANCHORS[i][1];
            }
            candidates.add(new Candidate(score, geometry));
        }
        return candidates;
    }

    /**
     * Blends overlapping candidates into one per face, best first.
     *
     * @param iouThreshold candidates overlapping the group's best by at least this much join it
     */
    static List<Candidate> blend(List<Candidate> candidates, double iouThreshold) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> faces = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Candidate best = remaining.get(0);
            double[] sum = new double[Candidate.GEOMETRY_SIZE];
            double weight = 0;
            List<Candidate> rest = new ArrayList<>();
            for (Candidate c : remaining) {
                if (c == best || best.iou(c) >= iouThreshold) {
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += c.score() * c.geometry()[j];
                    }
                    weight += c.score();
                } else {
                    rest.add(c);
                }
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] /= weight;
            }
            faces.add(new Candidate(best.score(), sum));
            remaining = rest;
        }
        return faces;
    }

    private static double sigmoid(float logit) {
        double clipped = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logit));
        return 1 / (1 + Math.exp(-clipped));
    }
}
