package dev.facekit.gallery;

import java.io.IOException;

/**
 * Thrown when bytes are not a {@code .npy} array or {@code .npz} archive facekit can read: not a
 * NumPy file at all, cut short, or holding a type facekit does not use (pickled objects, Fortran
 * order). The message says what was found and, where it helps, how to save the file instead.
 */
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, for a person
     */
    public NpyFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, for a person
     * @param cause the lower-level failure
     */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
