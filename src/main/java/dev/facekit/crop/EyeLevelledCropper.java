package dev.facekit.crop;

import dev.facekit.detect.DetectedFace;
import java.util.OptionalDouble;
import org.opencv.core.Mat;

/**
 * A box crop turned about the face centre so that the eyes lie level, for detectors that give no
 * landmarks (Haar). Where the eye cascade does not find both eyes the crop stays unturned. Not
 * thread-safe: one per thread.
 */
public final class EyeLevelledCropper implements ChipCutter {

    private final FaceCropper cropper;
    private final EyeLeveller leveller = new EyeLeveller();

    /**
     * @param cropper cuts the box crop
     */
    public EyeLevelledCropper(FaceCropper cropper) {
        this.cropper = cropper;
    }

    @Override
    public Mat cut(Mat bgr, DetectedFace face) {
        OptionalDouble tilt = leveller.tiltDegrees(bgr, face.box());
        return tilt.isPresent()
                ? cropper.cropRotated(bgr, face.box(), tilt.getAsDouble())
                : cropper.crop(bgr, face.box());
    }
}
