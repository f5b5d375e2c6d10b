package dev.facekit.gallery;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a file is not a face database facekit can use: missing, truncated, damaged, of
 * another kind, or written by a newer facekit. The message names the file, says what is wrong and
 * what to do, and is meant to be shown as it is.
 */
public final class UnreadableGalleryException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the database file
     * @param problem what is wrong with it, for a person
     */
    public UnreadableGalleryException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * @param file the database file
     * @param problem what is wrong with it, for a person
     * @param cause the lower-level failure
     */
    public UnreadableGalleryException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
