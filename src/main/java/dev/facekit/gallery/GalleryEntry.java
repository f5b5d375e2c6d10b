package dev.facekit.gallery;

/**
 * One face to enrol: whose it is, where it came from, and its embedding.
 *
 * @param person the person's name, as shown in results (the gallery folder's name)
 * @param source where the face came from, usually the image path relative to the gallery folder
 * @param sourceSha256 the SHA-256 of the source file's bytes (lower-case hex); the same image is
 *     never enrolled twice, whatever its name
 * @param embedding the L2-normalised embedding of the face
 */
public record GalleryEntry(String person, String source, String sourceSha256, float[] embedding) {}
