package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentificationEvaluationTest {

    private static final double EXACT = 1e-12;

    /**
     * Gallery: Ann 0, Bob 1, Cy 2. Probes: Ann 0.25 (own person nearest), Ann 0.75 (Bob nearer:
     * rank 2), Bob 1.125, Cy 3.5 (own person nearest, but 1.5 away). Strangers: Dee -0.5 (0.5 from
     * Ann), Eve 2.375 (0.375 from Cy).
     */
    private static final Map<String, Double> POSITIONS =
            Map.of(
                    "Ann/a1.jpg", 0.0,
                    "Ann/a2.jpg", 0.25,
                    "Ann/a3.jpg", 0.75,
                    "Bob/b1.jpg", 1.0,
                    "Bob/b2.jpg", 1.125,
                    "Cy/c1.jpg", 2.0,
                    "Cy/c2.jpg", 3.5,
                    "Dee/d1.jpg", -0.5,
                    "Eve/e1.jpg", 2.375);

    @TempDir Path temp;
    private PersonFolders data;

    @BeforeEach
    void makeImageFiles() throws IOException {
        for (String key : POSITIONS.keySet()) {
            Path file = temp.resolve(key);
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }
        data = new PersonFolders(temp);
    }

    @Test
    void ranksAndOpenSetRates() throws IOException {
        LineEmbedder embedder = new LineEmbedder(POSITIONS, 0.3);
        IdentificationReport report =
                new IdentificationEvaluation(data, embedder)
                        .optFalseAcceptRates(List.of(1e-3, 0.5))
                        .run();

        assertEquals(3, report.galleryPeople());
        assertEquals(4, report.probes());
        assertEquals(2, report.strangers());
        assertEquals(9, embedder.embedded().size());
        assertEquals(0.75, report.rank1(), EXACT);
        assertEquals(1, report.rank5(), EXACT);

        // At 0.3: Ann 0.25 and Bob 1.125 are identified, Ann 0.75 is taken for Bob, Cy 3.5 and
        // both strangers are rejected.
        IdentificationReport.OpenSetPoint atModel = report.atModelThreshold();
        assertEquals(0.5, atModel.detectionAndIdentificationRate(), EXACT);
        assertEquals(0.25, atModel.misidentificationRate(), EXACT);
        assertEquals(0, atModel.strangerFalseAcceptRate(), EXACT);

        // No stranger may be accepted: the threshold is the nearest stranger's distance, 0.375.
        IdentificationReport.OpenSetPoint strict = report.atFalseAcceptRates().get(0);
        assertEquals(0.375, strict.threshold(), EXACT);
        assertEquals(0, strict.strangerFalseAcceptRate(), EXACT);
        assertEquals(0.5, strict.detectionAndIdentificationRate(), EXACT);

        // One stranger in two may be accepted: up to the second stranger's 0.5.
        IdentificationReport.OpenSetPoint loose = report.atFalseAcceptRates().get(1);
        assertEquals(0.5, loose.threshold(), EXACT);
        assertEquals(0.5, loose.strangerFalseAcceptRate(), EXACT);
        assertEquals(0.5, loose.detectionAndIdentificationRate(), EXACT);
        assertEquals(0.25, loose.misidentificationRate(), EXACT);
    }

    @Test
    void onlyTheListedPeopleTakePart() throws IOException {
        IdentificationReport report =
                new IdentificationEvaluation(data, new LineEmbedder(POSITIONS, 0.3))
                        .optPeople(List.of("Ann", "Bob", "Dee"))
                        .run();
        assertEquals(2, report.galleryPeople());
        assertEquals(3, report.probes());
        assertEquals(1, report.strangers());
        // Without Cy, Ann's 0.75 is still nearer Bob; the other two are right.
        assertEquals(2.0 / 3, report.rank1(), EXACT);

        IdentificationEvaluation unknown =
                new IdentificationEvaluation(data, new LineEmbedder(POSITIONS, 0))
                        .optPeople(List.of("Ann", "Zed"));
        assertThrows(IllegalArgumentException.class, unknown::run);
    }

    @Test
    void rankCountsTiesAgainstTheProbe() {
        assertEquals(1, IdentificationEvaluation.rankOf(0, new double[] {0.2, 0.3, 0.4}));
        assertEquals(3, IdentificationEvaluation.rankOf(0, new double[] {0.3, 0.3, 0.1}));
    }

    @Test
    void withoutAThresholdOrStrangers() throws IOException {
        Files.delete(temp.resolve("Dee/d1.jpg"));
        Files.delete(temp.resolve("Eve/e1.jpg"));
        IdentificationReport report =
                new IdentificationEvaluation(data, new LineEmbedder(POSITIONS, 0)).run();
        assertEquals(0, report.strangers());
        assertNull(report.atModelThreshold());
        assertEquals(List.of(), report.atFalseAcceptRates());
    }

    @Test
    void needsSomeoneToEnrol() throws IOException {
        PersonFolders loners = new PersonFolders(temp.resolve("Dee").getParent().resolve("Dee"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new IdentificationEvaluation(loners, new LineEmbedder(POSITIONS, 0)).run());
    }
}
