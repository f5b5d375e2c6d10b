package dev.facekit.image;

import java.nio.file.Path;

/**
 * Thrown when a file cannot be turned into a picture: empty, not an image, truncated, corrupt or
 * too large. The message names the file and the reason, and is meant to be shown to a user as it
 * is; {@link #reason()} is a short machine-readable word for reports.
 */
public final class UnreadableImageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Path path;
    private final String reason;

    /**
     * @param path the file that could not be read
     * @param reason a short lower-case word for reports, such as {@code empty} or {@code truncated}
     * @param detail one sentence for a person: what is wrong and, where it helps, what to do
     */
    public UnreadableImageException(Path path, String reason, String detail) {
        super(path + ": " + detail);
        this.path = path;
        this.reason = reason;
    }

    /** The file that could not be read. */
    public Path path() {
        return path;
    }

    /** A short lower-case word for reports: empty, not_an_image, truncated, corrupt, too_large. */
    public String reason() {
        return reason;
    }
}
