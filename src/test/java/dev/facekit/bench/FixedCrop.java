package dev.facekit.bench;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A fixed square crop of LFW's deep-funneled 250x250 images, resized to a chip: a stand-in for
 * landmark alignment that lets a model be checked before detection and alignment exist.
 *
 * <p>The default box, 120 px centred at (124.5, 136.8), roughly covers the region of a dlib-style
 * aligned chip in those images (eyes to chin, little forehead).
 */
public record FixedCrop(double centreX, double centreY, double sidePx, int chipSizePx) {

    /** The dlib-like box for deep-funneled LFW, as a 150x150 chip. */
    public static final FixedCrop LFW_DLIB = new FixedCrop(124.5, 136.8, 120, 150);

    /** Cuts the box out of {@code image} (sub-pixel, bilinear) and scales it to the chip size. */
    public Mat cut(Mat image) {
        double scale = chipSizePx / sidePx;
        double left = centreX - sidePx / 2;
        double top = centreY - sidePx / 2;
        Mat transform = new Mat(2, 3, CvType.CV_64F);
        transform.put(0, 0, scale, 0, -left * scale, 0, scale, -top * scale);
        Mat chip = new Mat();
        Imgproc.warpAffine(
                image,
                chip,
                transform,
                new Size(chipSizePx, chipSizePx),
                Imgproc.INTER_LINEAR,
                Core.BORDER_REPLICATE);
        transform.release();
        return chip;
    }
}
