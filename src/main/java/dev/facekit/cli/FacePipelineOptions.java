package dev.facekit.cli;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.FaceAligner;
import dev.facekit.crop.ChipCutter;
import dev.facekit.crop.CropSettings;
import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.HaarCascadeDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that turn photos into the chips a model takes, shared by the commands that embed
 * photos (enroll, identify, verify): a detector, and a chip cut the way the model's framing says.
 */
final class FacePipelineOptions {

    @Mixin DetectorOptions detectorOptions;

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Face chips per forward pass of the model. Default: ${DEFAULT-VALUE}.")
    int batchSize = PhotoEmbedder.DEFAULT_BATCH_SIZE;

    /**
     * Detector, chip cutter and the model, as one photo embedder that owns the model (closed here
     * if the rest cannot be made).
     *
     * @param chipsOnly the images will be chips already, so no detector or cutter is used
     */
    PhotoEmbedder photoEmbedder(FaceEmbedder model, boolean chipsOnly) {
        try {
            ModelInfo info = model.info();
            ChipCutter cutter =
                    chipsOnly ? new FaceCropper(info.inputSizePx(), 0) : cutterFor(info);
            // Chips need no detector, but a photo embedder holds one: Haar is the cheapest to make.
            FaceDetector detector =
                    chipsOnly
                            ? HaarCascadeDetector.createDefault()
                            : detectorOptions.detectors().get();
            return new PhotoEmbedder(detector, cutter, model, batchSize);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private ChipCutter cutterFor(ModelInfo model) {
        if (model.framing().equals(CropSettings.BOX)) {
            return new FaceCropper(model.inputSizePx(), 0);
        }
        if (!detectorOptions.givesLandmarks()) {
            throw new IllegalArgumentException(
                    "model '"
                            + model.name()
                            + "' takes chips aligned by landmarks ("
                            + model.framing()
                            + "), which this detector does not give; use --detector blazeface");
        }
        AlignmentTemplate template = AlignmentTemplate.named(model.framing());
        if (template.sizePx() != model.inputSizePx()) {
            template = template.resized(template.name(), model.inputSizePx());
        }
        return new FaceAligner(template);
    }
}
