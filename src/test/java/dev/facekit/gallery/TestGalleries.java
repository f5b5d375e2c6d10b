package dev.facekit.gallery;

import dev.facekit.embed.ModelInfo;
import java.util.Random;

/** Models and embeddings for gallery tests: fixed seeds, no network or weights needed. */
final class TestGalleries {

    static final ModelInfo MODEL =
            new ModelInfo("test-model", "f00d", 150, 128, "dlib-5-point", 0.6);
    static final ModelInfo OTHER_MODEL = new ModelInfo("other-model", "beef", 112, 128, "box", 1.1);

    private TestGalleries() {}

    /** A random L2-normalised 128-d vector from a seed. */
    static float[] unitVector(long seed) {
        Random random = new Random(seed);
        float[] vector = new float[128];
        double squares = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            squares += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** A unit vector near {@code centre}: the centre plus a little noise, renormalised. */
    static float[] near(float[] centre, long seed, double noise) {
        float[] offset = unitVector(seed);
        float[] vector = new float[centre.length];
        double squares = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (centre[i] + noise * offset[i]);
            squares += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** An entry whose source and content hash are derived from a unique key. */
    static GalleryEntry entry(String person, String key, float[] embedding) {
        return new GalleryEntry(person, person + "/" + key + ".jpg", "sha-" + key, embedding);
    }
}
