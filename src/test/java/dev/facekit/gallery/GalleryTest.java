package dev.facekit.gallery;

import static dev.facekit.gallery.TestGalleries.MODEL;
import static dev.facekit.gallery.TestGalleries.OTHER_MODEL;
import static dev.facekit.gallery.TestGalleries.entry;
import static dev.facekit.gallery.TestGalleries.near;
import static dev.facekit.gallery.TestGalleries.unitVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.search.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class GalleryTest {

    private final float[] ada = unitVector(1);
    private final float[] bo = unitVector(2);
    private final float[] cy = unitVector(3);

    private Gallery threePeople() {
        Gallery gallery = Gallery.forModel(MODEL, "test", Metric.EUCLIDEAN);
        gallery.add(
                MODEL,
                List.of(
                        entry("Ada", "a1", near(ada, 11, 0.1)),
                        entry("Ada", "a2", near(ada, 12, 0.1)),
                        entry("Ada", "a3", near(ada, 13, 0.1)),
                        entry("Bo", "b1", near(bo, 21, 0.1)),
                        entry("Cy", "c1", near(cy, 31, 0.1))));
        return gallery;
    }

    @Test
    void skipsAnImageWhoseContentIsAlreadyEnrolled() {
        Gallery gallery = threePeople();

        Additions again =
                gallery.add(
                        MODEL,
                        List.of(
                                new GalleryEntry("Ada", "copy-of-a1.jpg", "sha-a1", ada),
                                entry("Ada", "a4", ada)));

        assertEquals(1, again.added());
        assertEquals(List.of("copy-of-a1.jpg"), again.duplicates());
        assertEquals(6, gallery.size());
    }

    @Test
    void returnsTheTopIdentitiesNotTheTopRowsOfOnePerson() {
        Gallery gallery = threePeople();

        List<PersonMatch> matches = gallery.nearestPeople(MODEL, near(ada, 99, 0.05), 3);

        assertEquals("Ada", matches.get(0).person());
        assertEquals(3, matches.size());
        assertEquals(3, matches.stream().map(PersonMatch::person).distinct().count());
        assertTrue(matches.get(0).distance() < matches.get(1).distance());
    }

    @Test
    void reportsTheChosenMetricsDistance() {
        Gallery euclidean = Gallery.forModel(MODEL, "test", Metric.EUCLIDEAN);
        Gallery cosine = Gallery.forModel(MODEL, "test", Metric.COSINE);
        float[] orthogonal = new float[128];
        orthogonal[0] = 1;
        float[] probe = new float[128];
        probe[1] = 1;
        euclidean.add(MODEL, List.of(entry("X", "x", orthogonal)));
        cosine.add(MODEL, List.of(entry("X", "x", orthogonal)));

        assertEquals(
                Math.sqrt(2), euclidean.nearestPeople(MODEL, probe, 1).get(0).distance(), 1e-6);
        assertEquals(1.0, cosine.nearestPeople(MODEL, probe, 1).get(0).distance(), 1e-6);
        assertEquals(0.6, euclidean.threshold(), 1e-12);
        assertEquals(0.18, cosine.threshold(), 1e-12);
    }

    @Test
    void refusesAnotherModelsEmbeddingsNamingBothModels() {
        Gallery gallery = threePeople();

        IllegalArgumentException add =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> gallery.add(OTHER_MODEL, List.of(entry("Dee", "d1", ada))));
        IllegalArgumentException search =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> gallery.nearestPeople(OTHER_MODEL, ada, 1));

        for (IllegalArgumentException e : List.of(add, search)) {
            assertTrue(e.getMessage().contains("'test-model' (fingerprint f00d)"), e.getMessage());
            assertTrue(e.getMessage().contains("'other-model' (fingerprint beef)"), e.getMessage());
        }
    }

    @Test
    void refusesEmbeddingsThatAreNotUnitLength() {
        Gallery gallery = threePeople();
        float[] doubled = unitVector(5);
        for (int i = 0; i < doubled.length; i++) {
            doubled[i] *= 2;
        }

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> gallery.add(MODEL, List.of(entry("Dee", "d1", doubled))));
        assertTrue(e.getMessage().contains("not L2-normalised"), e.getMessage());
    }

    @Test
    void removesAPersonWithAllTheirFacesAndForgetsTheirImages() {
        Gallery gallery = threePeople();

        assertEquals(3, gallery.removePerson("Ada"));

        assertEquals(List.of(new PersonCount("Bo", 1), new PersonCount("Cy", 1)), gallery.people());
        assertEquals("Cy", gallery.nearestPeople(MODEL, cy, 1).get(0).person());
        assertEquals(1, gallery.add(MODEL, List.of(entry("Ada", "a1", ada))).added());
        assertThrows(IllegalArgumentException.class, () -> gallery.removePerson("Nobody"));
    }

    @Test
    void renamesAPersonAndMergesIntoAnExistingName() {
        Gallery gallery = threePeople();

        assertEquals(1, gallery.renamePerson("Bo", "Bob"));
        assertEquals(3, gallery.renamePerson("Ada", "Cy"));

        assertEquals(
                List.of(new PersonCount("Bob", 1), new PersonCount("Cy", 4)), gallery.people());
        assertEquals("Cy", gallery.nearestPeople(MODEL, ada, 1).get(0).person());
        assertEquals("Bob", gallery.nearestPeople(MODEL, bo, 1).get(0).person());
    }

    @Test
    void summarisesCountsAndTheModel() {
        GalleryStats stats = threePeople().stats();

        assertEquals(5, stats.faces());
        assertEquals(3, stats.persons());
        assertEquals(1, stats.minFacesPerPerson());
        assertEquals(1.0, stats.medianFacesPerPerson());
        assertEquals(3, stats.maxFacesPerPerson());
        assertEquals("f00d", stats.modelFingerprint());
        assertEquals("euclidean", stats.metric());
    }
}
