package dev.facekit.cli;

import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.embed.PhotoEmbedders;
import dev.facekit.embed.ReframedEmbedder;
import dev.facekit.evaluate.ImageEmbedder;
import dev.facekit.evaluate.MirrorAveragingEmbedder;
import dev.facekit.evaluate.PhotoImageEmbedder;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a model for evaluation, with mirror averaging if asked, together with the detector and chip
 * cutter its framing asks for ({@link PhotoEmbedders}), and records those choices.
 */
final class EvaluationModels {

    private EvaluationModels() {}

    static ImageEmbedder open(
            String spec, String detector, String framing, boolean mirror, int batchSize)
            throws IOException {
        OpenCvLibrary.load();
        FaceEmbedder model = EmbeddingModels.open(spec);
        if (framing != null) {
            model = new ReframedEmbedder(model, framing);
        }
        ModelInfo info = model.info();
        if (mirror) {
            model = new MirrorAveragingEmbedder(model);
        }

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mirror", mirror);
        settings.put("framing", info.framing());
        PhotoEmbedder photos = PhotoEmbedders.open(model, detector, Math.min(batchSize, 32));
        settings.put("detector", photos.detectorName());
        settings.put("mainFace", "the largest face near the centre of each image");
        return new PhotoImageEmbedder(photos, settings);
    }
}
