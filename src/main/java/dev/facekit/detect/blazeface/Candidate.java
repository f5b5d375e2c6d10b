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
