package dev.facekit.detect.blazeface;

/**
 * One decoded BlazeFace prediction, before or after suppression, in coordinates normalised to the
 * input square.
 *
 * @param score probability that the anchor holds a face, in [0, 1]
 * @param geometry 16 values: box centre x, y, box width, height, then the six keypoints as x, y
 *     pairs (subject's right eye, left eye, nose tip, mouth centre, right and left ear tragion)
 */
record Candidate(double score, double[] geometry) {

    /** Values per candidate: 4 for the box, 2 for each of 6 keypoints. */
    static final int GEOMETRY_SIZE = 16;

    /** Index of the first keypoint's x in {@link #geometry()}. */
    static final int FIRST_KEYPOINT = 4;

    /**
     * This prediction seen in the mirror image of the input square: x becomes 1 - x, and the left
     * and right eyes and ears swap places.
     */
    Candidate mirrored() {
        double[] g = geometry.clone();
        g[0] = 1 - g[0];
        for (int j = FIRST_KEYPOINT; j < GEOMETRY_SIZE; j += 2) {
            g[j] = 1 - g[j];
        }
        swapKeypoints(g, 0, 1);
        swapKeypoints(g, 4, 5);
        return new Candidate(score, g);
    }

    private static void swapKeypoints(double[] g, int first, int second) {
        for (int axis = 0; axis < 2; axis++) {
            int i = FIRST_KEYPOINT + 2 * first + axis;
            int j = FIRST_KEYPOINT + 2 * second + axis;
            double kept = g[i];
            g[i] = g[j];
            g[j] = kept;
        }
    }

    /**
     * This prediction with its x coordinates (box centre, width, keypoints) mapped by {@code x
     * scaleX + offsetX} (widths by {@code w scaleX}), and y likewise.
     */
    Candidate mapped(double scaleX, double scaleY, double offsetX, double offsetY) {
        double[] g = geometry.clone();
        for (int j = 0; j < GEOMETRY_SIZE; j += 2) {
            boolean size = j == 2;
            g[j] = g[j] * scaleX + (size ? 0 : offsetX);
            g[j + 1] = g[j + 1] * scaleY + (size ? 0 : offsetY);
        }
        return new Candidate(score, g);
    }

    double left() {
        return geometry[0] - geometry[2] / 2;
    }

    double top() {
        return geometry[1] - geometry[3] / 2;
    }

    double right() {
        return geometry[0] + geometry[2] / 2;
    }

    double bottom() {
        return geometry[1] + geometry[3] / 2;
    }

    /** Intersection over union of the two boxes; 0 when either is empty. */
    double iou(Candidate other) {
        double width = Math.min(right(), other.right()) - Math.max(left(), other.left());
        double height = Math.min(bottom(), other.bottom()) - Math.max(top(), other.top());
        double overlap = Math.max(0, width) * Math.max(0, height);
        double union = geometry[2] * geometry[3] + other.geometry[2] * other.geometry[3] - overlap;
        return union <= 0 ? 0 : overlap / union;
    }
}
