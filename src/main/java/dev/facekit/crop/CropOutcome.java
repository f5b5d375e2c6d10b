package dev.facekit.crop;

import java.nio.file.Path;

/**
 * What became of one source image in a dataset crop.
 *
 * @param source the image file
 * @param status what happened
 * @param reason why it was skipped, as a short word ({@code no_face}, {@code truncated}, ...), or
 *     {@code null} when it was not
 * @param faces how many faces the detector found (0 when it did not run)
 */
public record CropOutcome(Path source, Status status, String reason, int faces) {

    /** What happened to an image. */
    public enum Status {
        /** A crop was written. */
        CROPPED,
        /** A crop from an earlier run was already there and was kept. */
        ALREADY_DONE,
        /** No crop: the image was unreadable or held no face. */
        SKIPPED
    }

    /** Whether the report should list this image: skipped, or cropped from several faces. */
    boolean isNoteworthy() {
        return status == Status.SKIPPED || faces > 1;
    }
}
