package dev.facekit.cli;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.FaceAligner;
import dev.facekit.crop.ChipCutter;
import dev.facekit.crop.CropSettings;
import dev.facekit.crop.EyeLevelledCropper;
import dev.facekit.crop.FaceCropper;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options that say how a face crop is cut, shared by the commands that save crops. */
final class ChipOptions {

    /** Align by landmarks where the detector gives them, else cut the box. */
    static final String AUTO = "auto";

    /** Cut the detector's box, never align. */
    static final String NONE = "none";

    @Option(
            names = "--size",
            paramLabel = "PX",
            description = "Side of the square crops. Default: ${DEFAULT-VALUE}.")
    int sizePx = FaceCropper.DEFAULT_SIZE_PX;

    @Option(
            names = "--align",
            paramLabel = "TEMPLATE",
            description =
                    "How crops are framed: a landmark template (facekit128, dlib150, arcface112;"
                            + " scaled to --size), none (the detector's box, as the reference"
                            + " dataset was cut), or auto: facekit128 when the detector gives"
                            + " landmarks, else the box. Default: ${DEFAULT-VALUE}.")
    String align = AUTO;

    @Option(
            names = "--margin",
            paramLabel = "SHARE",
            description =
                    "Box crops only: room added around the box on each side, as a share of its"
                            + " size (0.1 = 10%%). Default: 0, as in the reference dataset.")
    double margin = 0;

    @Option(
            names = "--level-eyes",
            description =
                    "Box crops only: turn each crop so the eyes are level (Haar eye cascade).")
    boolean levelEyes;

    /** The framing these options give: a template name, or {@code box}. */
    String framing(boolean landmarks) {
        String chosen = align.equals(AUTO) ? (landmarks ? "facekit128" : NONE) : align;
        return chosen.equals(NONE) ? CropSettings.BOX : chosen;
    }

    /**
     * Makes a chip cutter per call, one per worker thread.
     *
     * @param landmarks whether the detector gives landmarks
     * @throws IllegalArgumentException if alignment is asked of a detector without landmarks
     */
    Supplier<ChipCutter> cutters(boolean landmarks) {
        String template = framing(landmarks);
        if (template.equals(CropSettings.BOX)) {
            FaceCropper cropper = new FaceCropper(sizePx, margin);
            return levelEyes ? () -> new EyeLevelledCropper(cropper) : () -> cropper;
        }
        if (!landmarks) {
            throw new IllegalArgumentException(
                    "--align "
                            + template
                            + " needs landmarks, which this detector does not give; use"
                            + " --detector blazeface, or --align none");
        }
        AlignmentTemplate named = AlignmentTemplate.named(template);
        FaceAligner aligner =
                new FaceAligner(named.sizePx() == sizePx ? named : named.resized(template, sizePx));
        return () -> aligner;
    }
}
