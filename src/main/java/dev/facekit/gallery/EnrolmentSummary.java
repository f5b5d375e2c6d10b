package dev.facekit.gallery;

import java.nio.file.Path;

/**
 * The totals of one enrolment run.
 *
 * @param database the database file
 * @param people person folders seen
 * @param images image files seen
 * @param alreadyEnrolled images skipped because the same content was enrolled before (or appeared
 *     twice in this run)
 * @param added faces added to the database
 * @param skipped images that were unreadable or held no usable face (each logged as a WARN line)
 * @param databaseFaces faces in the database after the run
 * @param databasePeople people in the database after the run
 * @param seconds wall-clock time of the run
 */
public record EnrolmentSummary(
        Path database,
        int people,
        int images,
        int alreadyEnrolled,
        int added,
        int skipped,
        int databaseFaces,
        int databasePeople,
        double seconds) {

    /** Images embedded per second: the images that needed embedding over the run's time. */
    public double imagesPerSecond() {
        return (images - alreadyEnrolled) / Math.max(1e-9, seconds);
    }
}
