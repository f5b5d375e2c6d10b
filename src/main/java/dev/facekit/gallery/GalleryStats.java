package dev.facekit.gallery;

/**
 * A summary of a face database.
 *
 * @param faces enrolled embeddings
 * @param persons distinct people
 * @param minFacesPerPerson fewest faces of any person (0 when empty)
 * @param medianFacesPerPerson median faces per person (0 when empty)
 * @param maxFacesPerPerson most faces of any person (0 when empty)
 * @param modelName the name of the model that made the embeddings
 * @param modelFingerprint that model's fingerprint
 * @param modelSpec where that model was opened from when the database was last enrolled into
 * @param embeddingSize floats per embedding
 * @param metric the distance used for matching
 * @param threshold the default "same person" threshold, in the metric's units
 * @param formatVersion the facekit database format version
 */
public record GalleryStats(
        int faces,
        int persons,
        int minFacesPerPerson,
        double medianFacesPerPerson,
        int maxFacesPerPerson,
        String modelName,
        String modelFingerprint,
        String modelSpec,
        int embeddingSize,
        String metric,
        double threshold,
        int formatVersion) {}
