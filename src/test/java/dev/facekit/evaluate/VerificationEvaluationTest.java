package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationEvaluationTest {

    private static final double EXACT = 1e-12;

    /**
     * Positions on a line, multiples of 1/8 so every distance is exact. Fold 0: same 0.125, 0.25;
     * different 0.875, 0.75. Fold 1: same 0.5, 0.75; different 1.0, 1.25.
     */
    private static final Map<String, Double> POSITIONS =
            Map.of(
                    "Ann/Ann_0001.jpg", 0.0,
                    "Ann/Ann_0002.jpg", 0.125,
                    "Ann/Ann_0003.jpg", 0.25,
                    "Bob/Bob_0001.jpg", 1.0,
                    "Cy/Cy_0001.jpg", 2.0,
                    "Cy/Cy_0002.jpg", 2.5,
                    "Dee/Dee_0001.jpg", 3.0,
                    "Dee/Dee_0002.jpg", 3.75);

    private static final String FOLD_0 = "Ann\t1\t2\nAnn\t1\t3\nAnn\t2\tBob\t1\nAnn\t3\tBob\t1\n";
    private static final String FOLD_1 = "Cy\t1\t2\nDee\t1\t2\nCy\t1\tDee\t1\nCy\t2\tDee\t2\n";

    @TempDir Path temp;
    private PersonFolders images;

    @BeforeEach
    void makeImageFiles() throws IOException {
        Path root = temp.resolve("images");
        for (String key : POSITIONS.keySet()) {
            Path file = root.resolve(key);
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }
        images = new PersonFolders(root);
    }

    @Test
    void tenFoldStyleFileIsCrossValidatedOnItsFolds() throws IOException {
        Path file = write("folds.txt", "2\t2\n" + FOLD_0 + FOLD_1);
        LineEmbedder embedder = new LineEmbedder(POSITIONS, 0.6);

        VerificationResult result =
                new VerificationEvaluation(PairFile.read(file), images, embedder)
                        .optBatchSize(3)
                        .run();
        VerificationReport report = result.report();

        // Each of the 8 distinct images embedded exactly once, at most 3 at a time.
        assertEquals(8, embedder.embedded().size());
        assertEquals(8, new HashSet<>(embedder.embedded()).size());
        assertTrue(embedder.batches.stream().allMatch(batch -> batch.size() <= 3));
        assertEquals(8, report.distinctImages());

        // Fold 0 is judged at fold 1's threshold 0.875: 3 of 4; fold 1 at fold 0's 0.5: 2 of 4.
        assertEquals(List.of(0.875, 0.5), report.crossValidation().foldThresholds());
        assertEquals(List.of(0.75, 0.5), report.crossValidation().foldAccuracies());
        assertEquals(0.625, report.crossValidation().meanAccuracy(), EXACT);
        assertNull(report.fixedThreshold());

        // Pooled: 0.125 S, 0.25 S, 0.5 S, 0.75 S and D, 0.875 D, 1.0 D, 1.25 D: 15.5 of 16 same
        // pairs closer than different ones.
        assertEquals(15.5 / 16, report.rocAuc(), EXACT);
        assertEquals(
                List.of(0.125, 0.25, 0.5, 0.75),
                List.of(
                        result.scores().distance(0),
                        result.scores().distance(1),
                        result.scores().distance(4),
                        result.scores().distance(5)));

        // The model's threshold 0.6 accepts the three closest same pairs and nothing else.
        VerificationReport.OperatingPoint atModel = report.atModelThreshold();
        assertEquals(0.75, atModel.trueAcceptRate(), EXACT);
        assertEquals(0, atModel.falseAcceptRate(), EXACT);
        assertEquals(7.0 / 8, atModel.accuracy(), EXACT);

        assertEquals("line-test", report.provenance().model().name());
        assertEquals(file.toString(), report.provenance().data().get("pairs"));
        assertEquals(
                sha256Of("2\t2\n" + FOLD_0 + FOLD_1),
                report.provenance().data().get("pairsSha256"));
        assertEquals(false, report.provenance().settings().get("mirror"));
        assertTrue(report.summary().contains("62.50% +- 17.68"), report.summary());
    }

    @Test
    void singleSetWithTrainingPairsUsesTheirThreshold() throws IOException {
        Path train = write("train.txt", "2\n" + FOLD_0);
        Path test = write("test.txt", "2\n" + FOLD_1);
        LineEmbedder embedder = new LineEmbedder(POSITIONS, 0);

        VerificationReport report =
                new VerificationEvaluation(PairFile.read(test), images, embedder)
                        .optTrainingPairs(PairFile.read(train))
                        .run()
                        .report();

        // Best on the training pairs: halfway between 0.25 S and 0.75 D. On the test pairs it
        // accepts nothing: the 2 different pairs are right.
        assertEquals(0.5, report.fixedThreshold().threshold(), EXACT);
        assertEquals(1, report.fixedThreshold().trainingAccuracy(), EXACT);
        assertEquals(0.5, report.fixedThreshold().accuracy(), EXACT);
        assertNull(report.crossValidation());
        assertNull(report.atModelThreshold());
        assertEquals(2, report.samePairs());
        assertTrue(report.provenance().data().containsKey("trainingPairsSha256"));
        assertEquals(8, embedder.embedded().size());
    }

    @Test
    void singleSetAloneIsSplitIntoFolds() throws IOException {
        // Same pairs first, then different ones, as in a View 1 file.
        Path file =
                write(
                        "view1.txt",
                        "4\nAnn\t1\t2\nAnn\t1\t3\nCy\t1\t2\nDee\t1\t2\n"
                                + "Ann\t2\tBob\t1\nAnn\t3\tBob\t1\nCy\t1\tDee\t1\nCy\t2\tDee\t2\n");

        VerificationReport report =
                new VerificationEvaluation(
                                PairFile.read(file), images, new LineEmbedder(POSITIONS, 0))
                        .optFolds(2)
                        .run()
                        .report();

        // Split in two, the folds are the ones of the ten-fold-style test above.
        assertEquals(List.of(0.75, 0.5), report.crossValidation().foldAccuracies());
        assertTrue(report.protocol().contains("within the single set"), report.protocol());
    }

    @Test
    void trainingPairsDoNotApplyToAFileWithFolds() throws IOException {
        Path file = write("folds.txt", "2\t2\n" + FOLD_0 + FOLD_1);
        VerificationEvaluation evaluation =
                new VerificationEvaluation(
                                PairFile.read(file), images, new LineEmbedder(POSITIONS, 0))
                        .optTrainingPairs(PairFile.read(file));
        assertThrows(IllegalArgumentException.class, evaluation::run);
    }

    @Test
    void missingImageIsNamed() throws IOException {
        Path file = write("missing.txt", "1\nAnn\t1\t7\nAnn\t1\tBob\t1\n");
        VerificationEvaluation evaluation =
                new VerificationEvaluation(
                                PairFile.read(file), images, new LineEmbedder(POSITIONS, 0))
                        .optFolds(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, evaluation::run);
        assertTrue(e.getMessage().contains("image 7 of Ann"), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    private static String sha256Of(String text) throws IOException {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(
                                            text.getBytes(
                                                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
