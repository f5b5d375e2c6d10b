package dev.facekit.image;

import dev.facekit.opencv.OpenCvLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Reads image files into BGR pixels with OpenCV, and turns every way a file can be bad into an
 * {@link UnreadableImageException} with a reason instead of a crash or a silent half image.
 *
 * <p>Greyscale files are expanded to three channels, an alpha channel is dropped, CMYK JPEGs are
 * converted by libjpeg, and the EXIF orientation is applied. Files above {@link
 * #DEFAULT_MAX_PIXELS} are decoded at half, quarter or eighth size, so a 100-megapixel photo still
 * yields its faces without gigabytes of pixels; files above {@link #ABSOLUTE_MAX_PIXELS} are
 * refused.
 *
 * <p>Truncation is checked before decoding because libjpeg, asked to decode a cut-off JPEG, fills
 * the missing rows with grey and only prints a warning.
 */
public final class ImageDecoder {

    /** Above this many pixels (about 40 MP, a large camera photo) the file is decoded reduced. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** OpenCV's own decoding limit is 2^30 pixels; refuse above it with a clear message. */
    public static final long ABSOLUTE_MAX_PIXELS = 1L << 30;

    private final long maxPixels;

    /** A decoder that reduces files above {@link #DEFAULT_MAX_PIXELS}. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * @param maxPixels files with more pixels than this are decoded at a reduced size, by the
     *     smallest of 2, 4 or 8 that brings them under it
     */
    public ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
        OpenCvLibrary.load();
    }

    /**
     * Decodes one file.
     *
     * @throws UnreadableImageException if the file is missing, empty, not an image, truncated,
     *     corrupt or too large; the exception says which
     */
    public Picture read(Path path) throws UnreadableImageException {
        byte[] bytes = readBytes(path);
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.UNKNOWN) {
            throw new UnreadableImageException(
                    path,
                    "not_an_image",
                    "not an image file (no JPEG, PNG, BMP, TIFF, WebP or PNM signature)");
        }
        if (format.isTruncated(bytes)) {
            throw new UnreadableImageException(
                    path,
                    "truncated",
                    "the " + format + " file is truncated (it ends before its end marker)");
        }

        long pixels = headerPixels(bytes);
        if (pixels > ABSOLUTE_MAX_PIXELS) {
            throw new UnreadableImageException(
                    path,
                    "too_large",
                    "image too large to decode ("
                            + pixels / 1_000_000
                            + " megapixels; the limit is "
                            + ABSOLUTE_MAX_PIXELS / 1_000_000
                            + ")");
        }
        int reduction = reductionFor(pixels);

        Mat bgr = decode(bytes, reduction);
        if (bgr.empty()) {
            bgr.release();
            throw new UnreadableImageException(
                    path, "corrupt", "OpenCV could not decode this " + format + " file");
        }
        return new Picture(path, bgr, reduction);
    }

    private static byte[] readBytes(Path path) throws UnreadableImageException {
        if (!Files.isRegularFile(path)) {
            throw new UnreadableImageException(path, "missing", "no such file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | OutOfMemoryError e) {
            throw new UnreadableImageException(path, "io_error", "cannot read: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new UnreadableImageException(path, "empty", "the file is empty (0 bytes)");
        }
        return bytes;
    }

    /** The pixel count the header declares, or 0 where Java's ImageIO cannot read the header. */
    private static long headerPixels(byte[] bytes) {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable header is left for OpenCV to judge.
            return 0;
        }
    }

    private int reductionFor(long pixels) {
        for (int factor = 1; factor < 8; factor *= 2) {
            if (pixels / ((long) factor * factor) <= maxPixels) {
                return factor;
            }
        }
        return 8;
    }

    private static Mat decode(byte[] bytes, int reduction) {
        int flags =
                switch (reduction) {
                    case 1 -> Imgcodecs.IMREAD_COLOR;
                    case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
                    case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
                    default -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
                };
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            return Imgcodecs.imdecode(buffer, flags);
        } finally {
            buffer.release();
        }
    }
}
