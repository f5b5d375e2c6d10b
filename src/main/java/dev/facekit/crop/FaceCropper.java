package dev.facekit.crop;

import dev.facekit.detect.Box;
import dev.facekit.detect.DetectedFace;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Cuts a square face crop of a fixed size out of a picture, around a detector's box.
 *
 * <p>Defaults reproduce the reference dataset's "Extracted Faces": the Haar box as detected, no
 * margin, resized to 128x128. Where the grown box reaches past the picture's edge, the missing
 * pixels repeat the edge rather than turn black, so the network never sees an artificial frame.
 * Optionally the crop is rotated about the face centre so that the eyes are level.
 */
public final class FaceCropper implements ChipCutter {

    /** The reference dataset's crop size. */
    public static final int DEFAULT_SIZE_PX = 128;

    private final int sizePx;
    private final double margin;

    /**
     * @param sizePx the side of the square crop, in pixels
     * @param margin extra room around the box on every side, as a share of the box's size (0.1 adds
     *     10%); 0 keeps the box as detected
     */
    public FaceCropper(int sizePx, double margin) {
        if (sizePx < 8 || sizePx > 4096) {
            throw new IllegalArgumentException("Crop size must be 8 to 4096 px: " + sizePx);
        }
        if (margin < -0.4 || margin > 2) {
            throw new IllegalArgumentException("Margin must be between -0.4 and 2: " + margin);
        }
        this.sizePx = sizePx;
        this.margin = margin;
    }

    /** The side of the crops, in pixels. */
    public int sizePx() {
        return sizePx;
    }

    /** Cuts the square crop around the face's box. */
    @Override
    public Mat cut(Mat bgr, DetectedFace face) {
        return crop(bgr, face.box());
    }

    /** Cuts the crop for {@code box}, made square about its centre, with the margin added. */
    public Mat crop(Mat bgr, Box box) {
        Box square = squareAround(box.expanded(margin));
        Rect rect =
                new Rect(
                        (int) Math.round(square.x()),
                        (int) Math.round(square.y()),
                        (int) Math.round(square.width()),
                        (int) Math.round(square.height()));
        Mat region = paddedRegion(bgr, rect);
        Mat crop = new Mat();
        int interpolation = rect.width > sizePx ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(region, crop, new Size(sizePx, sizePx), 0, 0, interpolation);
        region.release();
        return crop;
    }

    /**
     * Cuts the crop for {@code box} rotated by {@code angleDegrees} about the box centre, as {@link
     * #crop} would cut it from a picture turned by that angle (counter-clockwise positive, OpenCV's
     * convention).
     */
    public Mat cropRotated(Mat bgr, Box box, double angleDegrees) {
        Box square = squareAround(box.expanded(margin));
        double scale = sizePx / square.width();
        Mat transform =
                Imgproc.getRotationMatrix2D(
                        new Point(square.centerX(), square.centerY()), angleDegrees, scale);
        // After rotating and scaling about the centre, move the centre to the crop's centre.
        transform.put(0, 2, transform.get(0, 2)[0] + sizePx / 2.0 - square.centerX());
        transform.put(1, 2, transform.get(1, 2)[0] + sizePx / 2.0 - square.centerY());
        Mat crop = new Mat();
        Imgproc.warpAffine(
                bgr,
                crop,
                transform,
                new Size(sizePx, sizePx),
                Imgproc.INTER_LINEAR,
                Core.BORDER_REPLICATE,
                new Scalar(0));
        transform.release();
        return crop;
    }

    private static Box squareAround(Box box) {
        double side = Math.max(box.width(), box.height());
        return new Box(box.centerX() - side / 2, box.centerY() - side / 2, side, side);
    }

    /** The pixels under {@code rect}, with edge pixels repeated where it leaves the picture. */
    private static Mat paddedRegion(Mat bgr, Rect rect) {
        int left = Math.max(0, -rect.x);
        int top = Math.max(0, -rect.y);
        int right = Math.max(0, rect.x + rect.width - bgr.cols());
        int bottom = Math.max(0, rect.y + rect.height - bgr.rows());
        Rect inside =
                new Rect(
                        rect.x + left,
                        rect.y + top,
                        Math.max(1, rect.width - left - right),
                        Math.max(1, rect.height - top - bottom));
        Mat region = new Mat();
        Core.copyMakeBorder(
                bgr.submat(inside), region, top, bottom, left, right, Core.BORDER_REPLICATE);
        return region;
    }
}
