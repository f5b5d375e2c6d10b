package dev.facekit.crop;

import java.nio.file.Path;
import java.util.Map;

/**
 * The totals of a dataset crop.
 *
 * @param images image files seen
 * @param cropped crops written by this run
 * @param alreadyDone crops kept from an earlier run
 * @param skippedByReason images without a crop, counted by reason
 * @param severalFaces images where more than one face was found and only the main one cropped
 * @param report the CSV listing every skipped image and every image with several faces
 * @param seconds wall-clock time of the run
 */
public record CropSummary(
        int images,
        int cropped,
        int alreadyDone,
        Map<String, Integer> skippedByReason,
        int severalFaces,
        Path report,
        double seconds) {

    /** Images skipped, whatever the reason. */
    public int skipped() {
        return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }
}
