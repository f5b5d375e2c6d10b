package dev.facekit.gallery;

import java.util.List;

/**
 * What an enrolment changed.
 *
 * @param added how many faces were added
 * @param duplicates the sources skipped because the same image (by content) was already enrolled
 */
public record Additions(int added, List<String> duplicates) {}
