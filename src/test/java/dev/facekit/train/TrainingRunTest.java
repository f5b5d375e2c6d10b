package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import dev.facekit.embed.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short training runs on {@code lfw-tiny} (16 people x 4 images; 80 validation pairs of 90 other
 * people): the loss falls, the saved model reloads to the same embeddings and metrics, and a
 * resumed run continues exactly where an interrupted one stopped.
 */
class TrainingRunTest {

    private static final int EPOCHS = 8;

    @TempDir static Path temp;

    private static FaceChips training;
    private static ValidationPairs validation;
    private static TrainingSettings settings;
    private static Path modelFolder;
    private static ModelDescription trained;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path tiny = TestDatasets.lfwTiny();
        settings =
                TrainingSettings.defaults()
                        .withCrop(FixedCrop.lfw(120))
                        .withInputSize(64)
                        .withSchedule(EPOCHS, 1e-3f, 0, 0)
                        // Without augmentation the net sees the same 64 chips every epoch and
                        // must fit them within a few steps: a loss that does not fall means a
                        // broken training step. With it, 8 steps move the loss by only ~5%.
                        .withAugmentation(Augmentation.NONE)
                        .withSeed(3);
        training = FaceChips.loadTree(tiny.resolve("train"), null, settings.preprocessing());
        validation =
                ValidationPairs.fromPairFile(
                        tiny.resolve("pairs_tiny.txt"),
                        tiny.resolve("eval"),
                        settings.preprocessing());
        modelFolder = temp.resolve("model");
        trained = new EmbeddingTrainer(settings, training, validation, modelFolder).train(false);
    }

    @Test
    void lossFallsOverTheRun() {
        List<EpochReport> history = trained.history();
        assertEquals(EPOCHS, history.size());
        double first = history.get(0).loss();
        double lastTwo = (history.get(EPOCHS - 1).loss() + history.get(EPOCHS - 2).loss()) / 2;
        assertTrue(lastTwo < 0.8 * first, "loss went from " + first + " to " + lastTwo);
    }

    @Test
    void savedModelDescribesItself() {
        assertEquals(EmbeddingNetwork.ARCHITECTURE, trained.architecture());
        assertEquals(EmbeddingNetwork.VERSION, trained.architectureVersion());
        assertEquals(64, trained.inputSizePx());
        assertEquals(128, trained.embeddingSize());
        assertEquals("fixed-crop 120px at (124.5,136.8)/250", trained.framing());
        assertEquals(training.fingerprint(), trained.trainingDataFingerprint());
        assertEquals(64, trained.trainingImages());
        assertEquals(80, trained.validationPairs());
        assertEquals(settings, trained.settings());
        assertEquals(
                trained.history().get(trained.bestEpoch() - 1).validation(), trained.validation());
        assertEquals(trained.validation().thresholdL2(), trained.thresholdL2());
    }

    @Test
    void reloadedModelGivesIdenticalEmbeddingsAndMetrics() throws IOException {
        List<byte[]> chips = validationChips();
        float[][] first;
        float[][] second;
        try (TrainedModel model = TrainedModel.load(modelFolder)) {
            first = model.embedPixels(chips);
            assertEquals(trained.weightsSha256(), model.info().fingerprint());
            assertEquals(trained.framing(), model.info().framing());
        }
        try (TrainedModel model = TrainedModel.load(modelFolder)) {
            second = model.embedPixels(chips);
        }
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i]);
            assertEquals(1.0, norm(first[i]), 1e-5);
        }
        // The training run scored these very embeddings when it kept the epoch.
        assertEquals(trained.validation(), validation.score(first));
    }

    @Test
    void resumedRunContinuesExactlyWhereTheInterruptedOneStopped() throws IOException {
        TrainingSettings three = settings.withSchedule(3, 1e-3f, 0, 0);
        Path whole = temp.resolve("whole");
        List<EpochReport> uninterrupted =
                new EmbeddingTrainer(three, training, validation, whole).train(false).history();

        Path broken = temp.resolve("broken");
        EmbeddingTrainer interrupted = new EmbeddingTrainer(three, training, validation, broken);
        interrupted.stopAfterEpoch(2);
        interrupted.train(false);
        List<EpochReport> resumed =
                new EmbeddingTrainer(three, training, validation, broken).train(true).history();

        assertEquals(3, resumed.size());
        for (int e = 0; e < 3; e++) {
            assertEquals(uninterrupted.get(e).loss(), resumed.get(e).loss(), 1e-5);
            assertEquals(
                    uninterrupted.get(e).validation().auc(),
                    resumed.get(e).validation().auc(),
                    1e-3);
        }
    }

    @Test
    void withTheClassificationLossTheSavedModelIsStillThePlainEmbeddingNetwork()
            throws IOException {
        Path folder = temp.resolve("with-classes");
        ModelDescription model = trainWithClassification(folder, 2);

        assertTrue(model.history().get(0).classificationLoss() > 0);
        try (TrainedModel loaded = TrainedModel.load(folder)) {
            assertEquals(128, loaded.embedPixels(List.of(training.pixels(0)))[0].length);
        }
    }

    @Test
    void theLastCheckpointBecomesAModelThatScoresAsTheLastEpochDid() throws IOException {
        Path folder = temp.resolve("last-epoch");
        ModelDescription run = trainWithClassification(folder, 3);
        Path exported = temp.resolve("last-epoch-model");

        LastEpochModel.main(new String[] {folder.toString(), exported.toString()});

        ValidationResult last = run.history().get(2).validation();
        try (TrainedModel model = TrainedModel.load(exported)) {
            assertEquals(last, validation.score(model.embedPixels(validationChips())));
            assertEquals(last.thresholdL2(), model.info().thresholdL2());
        }
    }

    @Test
    void thePooledLayoutOfOlderModelsStillTrainsAndReloads() throws IOException {
        Path folder = temp.resolve("pooled");
        ModelDescription model =
                new EmbeddingTrainer(
                                settings.withSchedule(1, 1e-3f, 0, 0)
                                        .withArchitectureVersion(EmbeddingNetwork.POOLED_VERSION),
                                training,
                                validation,
                                folder)
                        .train(false);

        assertEquals(EmbeddingNetwork.POOLED_VERSION, model.architectureVersion());
        List<byte[]> chips = List.of(training.pixels(0), training.pixels(1));
        try (TrainedModel first = TrainedModel.load(folder);
                TrainedModel second = TrainedModel.load(folder)) {
            assertArrayEquals(first.embedPixels(chips)[1], second.embedPixels(chips)[1]);
        }
    }

    @Test
    void refusesToOverwriteARunWithoutResume() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                new EmbeddingTrainer(settings, training, validation, modelFolder)
                                        .train(false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void refusesValidationPeopleWhoAreTrainedOn() {
        FaceChips someTraining = training.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        ValidationPairs leaky = ValidationPairs.fromHeldOutPeople(someTraining, 10, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new EmbeddingTrainer(settings, training, leaky, temp.resolve("x")));
        assertTrue(e.getMessage().contains("never sees"), e.getMessage());
    }

    @Test
    void checkpointHoldsTheLastEpoch() {
        Path checkpoint = modelFolder.resolve(EmbeddingTrainer.CHECKPOINT_FOLDER);
        assertTrue(Files.isRegularFile(checkpoint.resolve(ModelDescription.WEIGHTS_FILE)));
        assertTrue(Files.isRegularFile(checkpoint.resolve("state.json")));
        assertFalse(
                temp.toFile().list((dir, name) -> name.endsWith(".partial")).length > 0,
                "no half-written files are left");
    }

    private static ModelDescription trainWithClassification(Path folder, int epochs)
            throws IOException {
        return new EmbeddingTrainer(
                        settings.withSchedule(epochs, 1e-3f, 0, 0).withClassification(1f),
                        training,
                        validation,
                        folder)
                .train(false);
    }

    private static List<byte[]> validationChips() {
        List<byte[]> chips = new ArrayList<>();
        for (int i = 0; i < validation.chips().size(); i++) {
            chips.add(validation.chips().pixels(i));
        }
        return chips;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
