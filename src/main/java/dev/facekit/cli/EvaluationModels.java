package dev.facekit.cli;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.FaceAligner;
import dev.facekit.crop.ChipCutter;
import dev.facekit.crop.CropSettings;
import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.FaceDetectors;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.evaluate.ImageEmbedder;
import dev.facekit.evaluate.MirrorAveragingEmbedder;
import dev.facekit.evaluate.PhotoImageEmbedder;
import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a model for evaluation together with the detector and chip cutter its framing asks for: a
 * landmark template name (such as {@code dlib150}) means BlazeFace landmarks and alignment onto
 * that template; {@code box} means the Haar detector's box resized to the model's input.
 */
final class EvaluationModels {

    private EvaluationModels() {}

    static ImageEmbedder open(String spec, boolean mirror, int batchSize) throws IOException {
        OpenCvLibrary.load();
        FaceEmbedder model = EmbeddingModels.open(spec);
        ModelInfo info = model.info();
        if (mirror) {
            model = new MirrorAveragingEmbedder(model);
        }

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mirror", mirror);
        settings.put("framing", info.framing());
        // Limitation: the detector follows from the framing (BlazeFace to align, Haar for boxes);
        // evaluate has no option yet to choose another.
        FaceDetector detector;
        ChipCutter cutter;
        if (AlignmentTemplate.names().contains(info.framing())) {
            detector = FaceDetectors.open(FaceDetectors.BLAZEFACE);
            cutter = FaceAligner.forTemplate(info.framing());
        } else if (info.framing().equals(CropSettings.BOX)) {
            detector = FaceDetectors.open(FaceDetectors.HAAR);
            cutter = new FaceCropper(info.inputSizePx(), 0);
        } else {
            model.close();
            throw new IllegalArgumentException(
                    "model "
                            + info.name()
                            + " wants chips framed '"
                            + info.framing()
                            + "', which facekit cannot cut; known framings: box, "
                            + String.join(", ", AlignmentTemplate.names()));
        }
        settings.put("detector", detector.name());
        settings.put("mainFace", "the largest face near the centre of each image");
        return new PhotoImageEmbedder(
                new PhotoEmbedder(detector, cutter, model, Math.min(batchSize, 32)), settings);
    }
}
