package dev.facekit.cli;

import dev.facekit.crop.ChipCutter;
import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.HaarCascadeDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import picocli.CommandLine.Option;

/**
 * The options that turn photos into the chips a model takes, shared by the commands that embed
 * photos: enrol, identify and verify.
 */
final class FacePipelineOptions {

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Face chips per forward pass of the model. Default: ${DEFAULT-VALUE}.")
    int batchSize = PhotoEmbedder.DEFAULT_BATCH_SIZE;

    /**
     * Detector, chip cutter and the model, as one photo embedder that owns the model.
     *
     * @param chipsOnly the images will be chips already; no chip is cut, so any framing will do
     */
    PhotoEmbedder photoEmbedder(FaceEmbedder model, boolean chipsOnly) {
        ChipCutter cutter =
                chipsOnly
                        ? new FaceCropper(model.info().inputSizePx(), 0)
                        : cutterFor(model.info());
        return new PhotoEmbedder(HaarCascadeDetector.createDefault(), cutter, model, batchSize);
    }

    private static ChipCutter cutterFor(ModelInfo model) {
        if (model.framing().equals("box")) {
            return new FaceCropper(model.inputSizePx(), 0);
        }
        // Limitation: only detector boxes can be cut here; landmark-aligned framings need a
        // landmark detector and an aligner, which this build does not have.
        throw new IllegalStateException(
                "model '"
                        + model.name()
                        + "' expects face chips framed '"
                        + model.framing()
                        + "', which this build cannot cut yet");
    }
}
