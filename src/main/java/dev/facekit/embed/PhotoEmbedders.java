package dev.facekit.embed;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.FaceAligner;
import dev.facekit.crop.ChipCutter;
import dev.facekit.crop.CropSettings;
import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.FaceDetectors;
import java.io.IOException;

/**
 * Puts a model together with the detector and the chip cutter its framing asks for, so that every
 * command cuts chips from photos the same way the model's training chips were cut: a landmark
 * template name (such as {@code dlib150}) means BlazeFace landmarks and a similarity alignment onto
 * that template; {@code box} means a detector's box resized to the input.
 */
public final class PhotoEmbedders {

    private PhotoEmbedders() {}

    /**
     * The detector that suits a model when the user names none: BlazeFace, whose landmarks the
     * aligned framings need, or the Haar cascade for box-framed models, since facekit's box crops
     * follow the reference dataset's Haar boxes.
     */
    public static String defaultDetector(ModelInfo model) {
        return model.framing().equals(CropSettings.BOX)
                ? FaceDetectors.HAAR
                : FaceDetectors.BLAZEFACE;
    }

    /**
     * The chip cutter for a model's framing, scaled to its input size.
     *
     * @throws IllegalArgumentException if facekit knows no such framing
     */
    public static ChipCutter cutterFor(ModelInfo model) {
        if (model.framing().equals(CropSettings.BOX)) {
            return new FaceCropper(model.inputSizePx(), 0);
        }
        if (!AlignmentTemplate.names().contains(model.framing())) {
            throw new IllegalArgumentException(
                    "Model "
                            + model.name()
                            + " wants chips framed '"
                            + model.framing()
                            + "', which facekit cannot cut; known framings: box, "
                            + String.join(", ", AlignmentTemplate.names()));
        }
        AlignmentTemplate template = AlignmentTemplate.named(model.framing());
        if (template.sizePx() != model.inputSizePx()) {
            template = template.resized(template.name(), model.inputSizePx());
        }
        return new FaceAligner(template);
    }

    /**
     * A photo embedder for {@code model}, which it then owns (the model is closed here when the
     * rest cannot be made).
     *
     * @param detectorName a name {@link FaceDetectors#open} accepts, or {@code null} for {@link
     *     #defaultDetector}
     * @throws IllegalArgumentException if the detector gives no landmarks and the framing needs
     *     them, or names are unknown
     * @throws IOException if the detector's model cannot be had
     */
    public static PhotoEmbedder open(FaceEmbedder model, String detectorName, int batchSize)
            throws IOException {
        try {
            ModelInfo info = model.info();
            ChipCutter cutter = cutterFor(info);
            String name = detectorName == null ? defaultDetector(info) : detectorName;
            if (cutter.needsLandmarks() && name.equals(FaceDetectors.HAAR)) {
                throw new IllegalArgumentException(
                        "Model "
                                + info.name()
                                + " takes chips aligned by landmarks ("
                                + info.framing()
                                + "), which the Haar detector does not give; use --detector"
                                + " blazeface");
            }
            FaceDetector detector = FaceDetectors.open(name);
            return new PhotoEmbedder(detector, cutter, model, batchSize);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
