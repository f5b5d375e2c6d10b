package dev.facekit.gallery;

/**
 * A person of the gallery and how many faces of theirs are enrolled.
 *
 * @param person the person's name
 * @param faces the number of enrolled embeddings
 */
public record PersonCount(String person, int faces) {}
