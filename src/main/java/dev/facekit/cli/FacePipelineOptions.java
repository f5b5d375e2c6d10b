package dev.facekit.cli;

import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.HaarCascadeDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.embed.PhotoEmbedders;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that turn photos into the chips a model takes, shared by the commands that embed
 * photos (enroll, identify, verify, evaluate): a detector, and a chip cut the way the model's
 * framing says.
 */
final class FacePipelineOptions {

    @Mixin DetectorChoice detector;

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
    PhotoEmbedder photoEmbedder(FaceEmbedder model, boolean chipsOnly) throws IOException {
        if (!chipsOnly) {
            return PhotoEmbedders.open(model, detector.name, batchSize);
        }
        // Chips need no detector, but a photo embedder holds one: Haar is the cheapest to make.
        return new PhotoEmbedder(
                HaarCascadeDetector.createDefault(),
                new FaceCropper(model.info().inputSizePx(), 0),
                model,
                batchSize);
    }
}
