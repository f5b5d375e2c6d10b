package dev.facekit.train;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a face chip into the network's input, the same way in training and in use: an optional
 * {@link FixedCrop}, a resize to the input size (area averaging when shrinking, bilinear when
 * enlarging), BGR to RGB, and {@code (v / 255 - 0.5) / 0.5}, which maps pixels to [-1, 1].
 *
 * @param inputSizePx the network's square input side
 * @param crop the box cut before resizing, or {@code null} when chips are used whole (the output of
 *     {@code facekit crop})
 * @param chipFraming how whole chips were cut: {@link #BOX_FRAMING} or an alignment template name
 *     such as {@code facekit128}; ignored when there is a crop
 */
public record ChipPreprocessing(int inputSizePx, FixedCrop crop, String chipFraming) {

    /** The framing name for chips used whole: a detector box resized to the input. */
    public static final String BOX_FRAMING = "box";

    /** Checks the input size; a missing framing means {@link #BOX_FRAMING}. */
    public ChipPreprocessing {
        if (chipFraming == null || chipFraming.isBlank()) {
            chipFraming = BOX_FRAMING;
        }
        if (inputSizePx < 32 || inputSizePx > 512) {
            throw new IllegalArgumentException(
                    "input size must be between 32 and 512 px: " + inputSizePx);
        }
    }

    /** How the chips must be framed: the fixed crop's description, else {@link #chipFraming}. */
    public String framing() {
        return crop == null ? chipFraming : crop.framing();
    }

    /**
     * Crops (when configured) and resizes an 8-bit BGR image to the input size.
     *
     * @return {@code inputSizePx^2 * 3} bytes, BGR, row by row
     */
    public byte[] chipPixels(Mat bgr) {
        Mat framed = crop == null ? bgr : crop.cut(bgr);
        Mat resized = new Mat();
        int interpolation = framed.cols() > inputSizePx ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(framed, resized, new Size(inputSizePx, inputSizePx), 0, 0, interpolation);
        byte[] pixels = new byte[inputSizePx * inputSizePx * 3];
        resized.get(0, 0, pixels);
        resized.release();
        if (framed != bgr) {
            framed.release();
        }
        return pixels;
    }

    /**
     * Writes a chip as normalised RGB planes (channels first) into {@code out} at {@code offset}.
     */
    public static void writeTensor(byte[] bgrPixels, int sizePx, float[] out, int offset) {
        int plane = sizePx * sizePx;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                // BGR in memory, RGB planes out.
                out[offset + c * plane + i] = normalise((bgrPixels[i * 3 + 2 - c] & 0xFF) / 255f);
            }
        }
    }

    /** Maps a [0, 1] intensity to the network's [-1, 1]. */
    static float normalise(float unit) {
        return (unit - 0.5f) / 0.5f;
    }
}
