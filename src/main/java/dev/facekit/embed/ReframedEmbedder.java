package dev.facekit.embed;

import java.util.List;
import org.opencv.core.Mat;

/**
 * A model that is fed chips framed otherwise than it was trained on: the same network and weights,
 * with {@link ModelInfo#framing()} replaced. Used to measure how much the framing of the chip
 * matters; the results are usually worse, which is the point of measuring.
 */
public final class ReframedEmbedder implements FaceEmbedder {

    private final FaceEmbedder model;
    private final ModelInfo info;

    /**
     * @param model the model, closed with this one
     * @param framing {@code box} or an alignment template name
     */
    public ReframedEmbedder(FaceEmbedder model, String framing) {
        this.model = model;
        this.info = model.info().withFraming(framing);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public float[][] embed(List<Mat> chips) {
        return model.embed(chips);
    }

    @Override
    public void close() {
        model.close();
    }
}
