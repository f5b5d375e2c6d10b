package dev.facekit.evaluate;

import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Embeds each chip and its left-right mirror image and returns their average, L2-normalised again:
 * a common test-time trick that steadies embeddings against pose, at twice the cost.
 */
public final class MirrorAveragingEmbedder implements FaceEmbedder {

    private final FaceEmbedder model;

    /**
     * @param model the model to run on both chips; closed with this object
     */
    public MirrorAveragingEmbedder(FaceEmbedder model) {
        this.model = model;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public float[][] embed(List<Mat> chips) {
        List<Mat> both = new ArrayList<>(chips.size() * 2);
        both.addAll(chips);
        List<Mat> mirrors = new ArrayList<>(chips.size());
        for (Mat chip : chips) {
            Mat mirror = new Mat();
            Core.flip(chip, mirror, 1);
            mirrors.add(mirror);
        }
        both.addAll(mirrors);
        float[][] embedded;
        try {
            embedded = model.embed(both);
        } finally {
            mirrors.forEach(Mat::release);
        }

        float[][] averaged = new float[chips.size()][];
        for (int i = 0; i < chips.size(); i++) {
            averaged[i] = normalisedSum(embedded[i], embedded[chips.size() + i]);
        }
        return averaged;
    }

    @Override
    public void close() {
        model.close();
    }

    /** {@code (a + b) / |a + b|}; the plain sum when it is zero. */
    static float[] normalisedSum(float[] a, float[] b) {
        float[] sum = new float[a.length];
        double squares = 0;
        for (int j = 0; j < a.length; j++) {
            sum[j] = a[j] + b[j];
            squares += (double) sum[j] * sum[j];
        }
        if (squares > 0) {
            float scale = (float) (1 / Math.sqrt(squares));
            for (int j = 0; j < sum.length; j++) {
                sum[j] *= scale;
            }
        }
        return sum;
    }
}
