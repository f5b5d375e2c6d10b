package dev.facekit.embed;

import dev.facekit.detect.DetectedFace;

/**
 * A face found in a photo, with its embedding.
 *
 * @param face where the face is, in the pixels of the photo's file
 * @param embedding the L2-normalised embedding of its chip
 */
public record EmbeddedFace(DetectedFace face, float[] embedding) {}
