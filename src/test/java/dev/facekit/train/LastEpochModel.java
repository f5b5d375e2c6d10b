package dev.facekit.train;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.facekit.embed.OfflineEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark tool: turns a training run's last checkpoint into a model folder, so that the run's
 * final epoch can be scored as well as the epoch the trainer kept. When the validation pairs are
 * also the pairs a model is scored on (LFW View 1: train on DevTrain, validate and score on
 * DevTest), the kept epoch is chosen on the test pairs; the final epoch is not chosen at all.
 *
 * <p>Run from the project root, then evaluate OUT like any trained model:
 *
 * <pre>
 * mvn -B -q test-compile -Dspotless.check.skip=true
 * java -cp 'target/classes:target/test-classes:target/lib/*' -Dai.djl.offline=true \
 *     dev.facekit.train.LastEpochModel MODEL_DIR OUT_DIR
 * ./facekit evaluate OUT_DIR --pairs ../shared/datasets/lfw/pairsDevTest.txt --images ...
 * </pre>
 *
 * OUT_DIR's {@code model.json} is MODEL_DIR's with the new weights' fingerprint, and the last
 * epoch's validation and threshold in place of the kept epoch's.
 */
public final class LastEpochModel {

    private LastEpochModel() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LastEpochModel TRAINED_MODEL_DIR OUT_DIR");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path checkpointWeights =
                model.resolve(EmbeddingTrainer.CHECKPOINT_FOLDER)
                        .resolve(ModelDescription.WEIGHTS_FILE);
        ModelDescription kept = ModelDescription.read(model.resolve(ModelDescription.FILE_NAME));

        Files.createDirectories(out);
        Path weights = out.resolve(ModelDescription.WEIGHTS_FILE);
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            TrainingNetwork network =
                    EmbeddingTrainer.trainingNetwork(kept.settings(), kept.trainingPeople());
            EmbeddingTrainer.readWeights(network, manager, checkpointWeights);
            EmbeddingTrainer.writeWeights(network.embedding(), weights);
        }

        JsonObject json =
                JsonParser.parseString(Files.readString(model.resolve(ModelDescription.FILE_NAME)))
                        .getAsJsonObject();
        EpochReport last = kept.history().get(kept.history().size() - 1);
        JsonElement lastValidation = ModelDescription.gson().toJsonTree(last.validation());
        json.addProperty("name", out.toAbsolutePath().normalize().getFileName().toString());
        json.addProperty("weightsSha256", EmbeddingTrainer.sha256(weights));
        json.addProperty("bestEpoch", last.epoch());
        json.add("validation", lastValidation);
        json.add("thresholdL2", lastValidation.getAsJsonObject().get("thresholdL2"));
        Files.writeString(
                out.resolve(ModelDescription.FILE_NAME),
                ModelDescription.gson().toJson(json),
                StandardCharsets.UTF_8);
        System.err.printf(
                "epoch %d of %s as a model in %s (validation accuracy %.4f)%n",
                last.epoch(), model, out, last.validation().accuracy());
    }
}
