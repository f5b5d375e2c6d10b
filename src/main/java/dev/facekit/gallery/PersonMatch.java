package dev.facekit.gallery;

/**
 * A person of the gallery close to a probe face: the best of that person's enrolled faces.
 *
 * @param person the person's name
 * @param source the enrolled image that came closest
 * @param distance the distance to it, in the gallery's metric
 */
public record PersonMatch(String person, String source, double distance) {

    /** Whether this match is close enough, under {@code threshold}, to count as that person. */
    public boolean within(double threshold) {
        return distance <= threshold;
    }
}
