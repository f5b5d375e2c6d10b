package dev.facekit.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.facekit.embed.EngineInput;
import dev.facekit.embed.OfflineEngine;
import dev.facekit.io.AtomicFile;
import dev.facekit.progress.ProgressBar;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the {@link EmbeddingNetwork} with the {@link TripletLoss} on P x K batches, validating on
 * held-out people after every epoch, keeping the best epoch as the model and a checkpoint of the
 * latest epoch for {@code --resume}.
 *
 * <p>The model folder holds {@value ModelDescription#FILE_NAME} and {@value
 * ModelDescription#WEIGHTS_FILE} (the best epoch) and {@value #CHECKPOINT_FOLDER}/ (the latest
 * epoch: weights, Adam's moments and the run's bookkeeping). Every file is replaced atomically, so
 * a run killed at any moment keeps its last complete checkpoint.
 *
 * <p>Runs on the engine's default device: a GPU when PyTorch sees one, else the CPU.
 */
public final class EmbeddingTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingTrainer.class);

    /** The checkpoint folder inside a model folder. */
    public static final String CHECKPOINT_FOLDER = "checkpoint";

    private static final String STATE_FILE = "state.json";
    private static final String OPTIMIZER_FILE = "optimizer.ndlist";

    private final TrainingSettings settings;
    private final FaceChips training;
    private final ValidationPairs validation;
    private final Path modelFolder;
    private int stopAfterEpoch = Integer.MAX_VALUE;

    /**
     * @param settings the run's settings
     * @param training the training chips; people with one image serve as negatives only
     * @param validation pairs of people absent from {@code training}
     * @param modelFolder where the model and its checkpoint are written
     * @throws IllegalArgumentException when a validation person is also a training person
     */
    public EmbeddingTrainer(
            TrainingSettings settings,
            FaceChips training,
            ValidationPairs validation,
            Path modelFolder) {
        Set<String> overlap = new HashSet<>(validation.people());
        overlap.retainAll(new HashSet<>(training.people()));
        if (!overlap.isEmpty()) {
            throw new IllegalArgumentException(
                    overlap.size()
                            + " validation people are also training people (for example "
                            + overlap.iterator().next()
                            + "); validation must use people the network never sees. Remove them"
                            + " from the training data or use --people to train on a disjoint list");
        }
        if (training.sizePx() != settings.inputSizePx()
                || validation.chips().sizePx() != settings.inputSizePx()) {
            throw new IllegalArgumentException("chips were not prepared at the input size");
        }
        this.settings = settings;
        this.training = training;
        this.validation = validation;
        this.modelFolder = modelFolder;
    }

    /**
     * Makes {@link #train} return after the given epoch as if the process had been killed there;
     * package-private because only the resume tests need it.
     */
    void stopAfterEpoch(int epoch) {
        this.stopAfterEpoch = epoch;
    }

    /**
     * Trains for the configured number of epochs.
     *
     * @param resume continue the run checkpointed in the model folder instead of starting afresh
     * @return the saved model's description
     * @throws IllegalStateException when there is a checkpoint and {@code resume} is false, or none
     *     (or one of a different run) when it is true
     */
    public ModelDescription train(boolean resume) throws IOException {
        Path checkpoint = modelFolder.resolve(CHECKPOINT_FOLDER);
        CheckpointState state = resume ? readCompatibleState(checkpoint) : null;
        if (!resume && Files.exists(checkpoint.resolve(STATE_FILE))) {
            throw new IllegalStateException(
                    modelFolder
                            + " already holds a training run; add --resume to continue it, or"
                            + " choose another --out folder");
        }

        Engine engine = OfflineEngine.pytorch();
        engine.setRandomSeed((int) settings.seed());
        Device device = engine.defaultDevice();
        IdentityBatchSampler sampler =
                new IdentityBatchSampler(
                        training.labels(),
                        settings.peoplePerBatch(),
                        settings.imagesPerPerson(),
                        settings.singlesPerBatch(),
                        settings.seed());
        long totalSteps = (long) sampler.batchesPerEpoch() * settings.epochs();
        ScheduledAdam optimizer =
                new ScheduledAdam(
                        settings.learningRate(),
                        settings.finalRateFraction(),
                        // Short runs warm up for at most a fifth of their steps.
                        Math.min(settings.warmupSteps(), totalSteps / 5),
                        totalSteps,
                        settings.weightDecay());
        TripletLoss loss = new TripletLoss(TripletMiner.named(settings.miner()), settings.margin());

        logStart(sampler, device);
        try (Model model = Model.newInstance("facekit-embedding", device)) {
            TrainingNetwork network = trainingNetwork(settings, training.people().size());
            Block block = network.embedding();
            model.setBlock(network);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optOptimizer(optimizer)
                            .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(
                        EmbeddingNetwork.inputShape(sampler.batchSize(), settings.inputSizePx()));
                LOG.info(
                        "Network {} v{}: {} parameters, input {} px",
                        EmbeddingNetwork.ARCHITECTURE,
                        settings.architectureVersion(),
                        block.getParameters().values().stream()
                                .filter(Parameter::requiresGradient)
                                .mapToLong(p -> p.getArray().size())
                                .sum(),
                        settings.inputSizePx());
                List<EpochReport> history = new ArrayList<>();
                int bestEpoch = 0;
                double trainingSeconds = 0;
                if (state != null) {
                    restore(checkpoint, network, model.getNDManager(), optimizer, state);
                    history.addAll(state.history());
                    bestEpoch = state.bestEpoch();
                    trainingSeconds = state.trainingSeconds();
                    LOG.info(
                            "Resuming after epoch {} of {}",
                            state.completedEpochs(),
                            settings.epochs());
                }

                int lastEpoch = Math.min(settings.epochs(), stopAfterEpoch);
                for (int epoch = history.size() + 1; epoch <= lastEpoch; epoch++) {
                    EpochReport report =
                            runEpoch(
                                    epoch,
                                    trainer,
                                    network,
                                    model.getNDManager(),
                                    sampler,
                                    optimizer,
                                    loss);
                    history.add(report);
                    trainingSeconds += report.seconds();
                    logRunEta(history, epoch, lastEpoch);
                    EpochReport best = bestEpoch == 0 ? null : history.get(bestEpoch - 1);
                    if (report.betterThan(best)) {
                        bestEpoch = epoch;
                        saveModel(block, history, bestEpoch);
                    }
                    saveCheckpoint(
                            checkpoint,
                            network,
                            optimizer,
                            new CheckpointState(
                                    settings,
                                    training.fingerprint(),
                                    validation.source(),
                                    epoch,
                                    optimizer.step(),
                                    bestEpoch,
                                    history,
                                    trainingSeconds));
                }
                return finish(history, bestEpoch, trainingSeconds);
            }
        }
    }

    /** Rewrites the saved model's history with the whole run and logs the kept epoch. */
    private ModelDescription finish(List<EpochReport> history, int bestEpoch, double seconds)
            throws IOException {
        Path file = modelFolder.resolve(ModelDescription.FILE_NAME);
        // model.json was written when the best epoch ended; its history stops there.
        ModelDescription saved = withHistory(ModelDescription.read(file), history);
        saved.write(file);
        LOG.info(
                String.format(
                        Locale.ROOT,
                        "Kept epoch %d of %d: validation accuracy %.4f, AUC %.4f, threshold %.3f;"
                                + " %s of training",
                        bestEpoch,
                        history.size(),
                        saved.validation().accuracy(),
                        saved.validation().auc(),
                        saved.thresholdL2(),
                        ProgressBar.clock(seconds)));
        return saved;
    }

    private EpochReport runEpoch(
            int epoch,
            Trainer trainer,
            TrainingNetwork network,
            NDManager modelManager,
            IdentityBatchSampler sampler,
            ScheduledAdam optimizer,
            TripletLoss loss) {
        long start = System.nanoTime();
        // The engine's generator draws the dropout masks; seeding it per epoch makes a resumed
        // run draw the same ones as an uninterrupted run.
        trainer.getManager().getEngine().setRandomSeed((int) (settings.seed() * 7_919L + epoch));
        List<int[]> batches = sampler.epoch(epoch);
        int images = batches.stream().mapToInt(b -> b.length).sum();
        ProgressBar progress =
                new ProgressBar(
                        String.format(Locale.ROOT, "epoch %d/%d", epoch, settings.epochs()),
                        images,
                        "images");
        int sizePx = settings.inputSizePx();
        int chipValues = 3 * sizePx * sizePx;
        double lossSum = 0;
        double classificationSum = 0;
        double activeSum = 0;
        double sameSum = 0;
        double differentSum = 0;
        int sameBatches = 0;

        for (int b = 0; b < batches.size(); b++) {
            int[] batch = batches.get(b);
            Random random = new Random(settings.seed() * 7_919L + epoch * 100_003L + b);
            float[] values = new float[batch.length * chipValues];
            int[] labels = new int[batch.length];
            for (int i = 0; i < batch.length; i++) {
                settings.augmentation()
                        .writeTensor(
                                training.pixels(batch[i]), sizePx, random, values, i * chipValues);
                labels[i] = training.labels()[batch[i]];
            }

            optimizer.beginStep();
            TripletLoss.Result result;
            float batchLoss;
            try (NDManager step = trainer.getManager().newSubManager();
                    GradientCollector collector = trainer.newGradientCollector()) {
                NDArray input =
                        EngineInput.create(
                                step, values, EmbeddingNetwork.inputShape(batch.length, sizePx));
                NDList outputs = trainer.forward(new NDList(input));
                result = loss.compute(outputs.head(), labels);
                NDArray total = result.loss();
                if (outputs.size() > 1) {
                    NDArray classification = ClassificationLoss.compute(outputs.get(1), labels);
                    classificationSum += classification.getFloat();
                    total = total.add(classification.mul(settings.classificationWeight()));
                }
                collector.backward(total);
                batchLoss = result.loss().getFloat();
            }
            trainer.step();
            zeroGradients(network);

            if (!Float.isFinite(batchLoss)) {
                throw new IllegalStateException(
                        "the loss became "
                                + batchLoss
                                + " at epoch "
                                + epoch
                                + ", batch "
                                + (b + 1)
                                + "; lower --lr and start again");
            }
            lossSum += batchLoss;
            activeSum += result.activeShare();
            if (!Double.isNaN(result.meanSameDistance())) {
                sameSum += result.meanSameDistance();
                differentSum += result.meanDifferentDistance();
                sameBatches++;
            }
            progress.stepBy(
                    batch.length, String.format(Locale.ROOT, "loss %.4f", lossSum / (b + 1)));
        }
        double imagesPerSecond = progress.rate();
        progress.close(String.format(Locale.ROOT, "loss %.4f", lossSum / batches.size()));

        float[][] embeddings =
                EmbeddingNetwork.embed(
                        network.embedding(), modelManager, chipList(validation.chips()), sizePx);
        ValidationResult scored = validation.score(embeddings);
        EpochReport report =
                new EpochReport(
                        epoch,
                        lossSum / batches.size(),
                        classificationSum / batches.size(),
                        activeSum / batches.size(),
                        sameSum / Math.max(1, sameBatches),
                        differentSum / Math.max(1, sameBatches),
                        optimizer.currentRate(),
                        imagesPerSecond,
                        (System.nanoTime() - start) / 1e9,
                        scored);
        log(report);
        return report;
    }

    /**
     * Clears the gradients after a step: on the PyTorch engine they accumulate across backward
     * passes, and neither DJL's trainer nor its gradient collector resets them.
     */
    static void zeroGradients(Block block) {
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    private static List<byte[]> chipList(FaceChips chips) {
        List<byte[]> list = new ArrayList<>(chips.size());
        for (int i = 0; i < chips.size(); i++) {
            list.add(chips.pixels(i));
        }
        return list;
    }

    private void logStart(IdentityBatchSampler sampler, Device device) {
        LOG.info(
                "Training on {} images of {} people ({} with 2+ images), validating on {} pairs"
                        + " from {}; {} batches of {} per epoch, {} epochs, miner {}, device {}",
                training.size(),
                training.people().size(),
                sampler.eligiblePeople(),
                validation.size(),
                validation.source(),
                sampler.batchesPerEpoch(),
                sampler.batchSize(),
                settings.epochs(),
                settings.miner(),
                device);
    }

    private void log(EpochReport r) {
        ValidationResult v = r.validation();
        LOG.info(
                String.format(
                        Locale.ROOT,
                        "epoch %d: loss %.4f%s, active triplets %.1f%%, train distance same %.3f /"
                                + " different %.3f; validation accuracy %.4f, AUC %.4f, threshold"
                                + " %.3f, distance same %.3f / different %.3f, spread %.3f; %.1f"
                                + " images/s, lr %.2e",
                        r.epoch(),
                        r.loss(),
                        r.classificationLoss() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        " (classification %.4f)",
                                        r.classificationLoss())
                                : "",
                        100 * r.activeTripletShare(),
                        r.meanSameDistance(),
                        r.meanDifferentDistance(),
                        v.accuracy(),
                        v.auc(),
                        v.thresholdL2(),
                        v.meanSameDistance(),
                        v.meanDifferentDistance(),
                        v.spread(),
                        r.imagesPerSecond(),
                        r.learningRate()));
        if (v.collapsed()) {
            LOG.warn(
                    "Epoch {}: the embeddings have collapsed (spread {} < {}): every face maps to"
                            + " nearly the same point. Lower --lr, try --miner semi-hard, or check"
                            + " that the people folders really hold different people",
                    r.epoch(),
                    String.format(Locale.ROOT, "%.4f", v.spread()),
                    ValidationResult.COLLAPSE_SPREAD);
        }
    }

    private static void logRunEta(List<EpochReport> history, int epoch, int lastEpoch) {
        if (epoch < lastEpoch) {
            double recent =
                    history.subList(Math.max(0, history.size() - 3), history.size()).stream()
                            .mapToDouble(EpochReport::seconds)
                            .average()
                            .orElse(0);
            LOG.info(
                    "{} epochs left, ETA {}",
                    lastEpoch - epoch,
                    ProgressBar.clock(recent * (lastEpoch - epoch)));
        }
    }

    private void saveModel(Block block, List<EpochReport> history, int bestEpoch)
            throws IOException {
        Path weights = modelFolder.resolve(ModelDescription.WEIGHTS_FILE);
        writeWeights(block, weights);
        EpochReport best = history.get(bestEpoch - 1);
        ChipPreprocessing preprocessing = settings.preprocessing();
        ModelDescription description =
                new ModelDescription(
                        ModelDescription.FORMAT,
                        ModelDescription.FORMAT_VERSION,
                        modelFolder.toAbsolutePath().normalize().getFileName().toString(),
                        EmbeddingNetwork.ARCHITECTURE,
                        settings.architectureVersion(),
                        settings.inputSizePx(),
                        settings.embeddingSize(),
                        preprocessing.framing(),
                        ModelDescription.Preprocessing.of(preprocessing),
                        ModelDescription.WEIGHTS_FILE,
                        sha256(weights),
                        best.validation().thresholdL2(),
                        settings,
                        training.fingerprint(),
                        training.size(),
                        training.people().size(),
                        validation.source(),
                        validation.size(),
                        bestEpoch,
                        best.validation(),
                        List.copyOf(history),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        description.write(modelFolder.resolve(ModelDescription.FILE_NAME));
    }

    private static ModelDescription withHistory(ModelDescription d, List<EpochReport> history) {
        return new ModelDescription(
                d.format(),
                d.formatVersion(),
                d.name(),
                d.architecture(),
                d.architectureVersion(),
                d.inputSizePx(),
                d.embeddingSize(),
                d.framing(),
                d.preprocessing(),
                d.weightsFile(),
                d.weightsSha256(),
                d.thresholdL2(),
                d.settings(),
                d.trainingDataFingerprint(),
                d.trainingImages(),
                d.trainingPeople(),
                d.validationSource(),
                d.validationPairs(),
                d.bestEpoch(),
                d.validation(),
                List.copyOf(history),
                d.created());
    }

    private void saveCheckpoint(
            Path folder, Block block, ScheduledAdam optimizer, CheckpointState state)
            throws IOException {
        writeWeights(block, folder.resolve(ModelDescription.WEIGHTS_FILE));
        NDList moments = optimizer.state(trainableIds(block), trainableArrays(block));
        AtomicFile.write(folder.resolve(OPTIMIZER_FILE), out -> moments.encode(out));
        byte[] json = ModelDescription.gson().toJson(state).getBytes(StandardCharsets.UTF_8);
        // The state goes last: a state file means weights and moments of that epoch are complete.
        AtomicFile.write(folder.resolve(STATE_FILE), out -> out.write(json));
    }

    private CheckpointState readCompatibleState(Path folder) throws IOException {
        Path file = folder.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "--resume: no checkpoint in " + folder + "; start a new run without --resume");
        }
        CheckpointState state =
                ModelDescription.gson().fromJson(Files.readString(file), CheckpointState.class);
        if (!state.trainingDataFingerprint().equals(training.fingerprint())) {
            throw new IllegalStateException(
                    "--resume: the checkpoint in "
                            + folder
                            + " was trained on different images; give the same data and --people"
                            + " list, or start a new run in another --out folder");
        }
        if (!sameExceptEpochs(state.settings(), settings)) {
            throw new IllegalStateException(
                    "--resume: the checkpoint in "
                            + folder
                            + " was made with different settings ("
                            + state.settings()
                            + "); resume with the same options (only --epochs may change)");
        }
        return state;
    }

    private static boolean sameExceptEpochs(TrainingSettings a, TrainingSettings b) {
        return a.withSchedule(1, a.learningRate(), a.warmupSteps(), a.weightDecay())
                .equals(b.withSchedule(1, b.learningRate(), b.warmupSteps(), b.weightDecay()));
    }

    private void restore(
            Path folder,
            TrainingNetwork block,
            NDManager manager,
            ScheduledAdam optimizer,
            CheckpointState state)
            throws IOException {
        copyWeights(folder.resolve(ModelDescription.WEIGHTS_FILE), block, manager);
        try (InputStream in =
                new BufferedInputStream(Files.newInputStream(folder.resolve(OPTIMIZER_FILE)))) {
            NDList moments = NDList.decode(manager, in);
            optimizer.restore(
                    trainableIds(block), trainableArrays(block), moments, state.optimizerStep());
        }
    }

    /**
     * Loads saved weights into an already initialised block by copying values into its existing
     * arrays, so the trainer's references to them stay valid.
     */
    private void copyWeights(Path file, Block block, NDManager manager) throws IOException {
        Block saved = trainingNetwork(settings, training.people().size());
        try (NDManager scratch = manager.newSubManager()) {
            readWeights(saved, scratch, file);
            List<Parameter> target = block.getParameters().values();
            List<Parameter> source = saved.getParameters().values();
            for (int i = 0; i < target.size(); i++) {
                source.get(i).getArray().copyTo(target.get(i).getArray());
            }
        }
    }

    static TrainingNetwork trainingNetwork(TrainingSettings settings, int people) {
        return new TrainingNetwork(
                EmbeddingNetwork.build(settings.architectureVersion(), settings.embeddingSize()),
                settings.classificationWeight() > 0 ? people : 0,
                settings.embeddingSize());
    }

    /** Writes a block's parameters atomically in DJL's format. */
    static void writeWeights(Block block, Path file) throws IOException {
        AtomicFile.write(
                file,
                out -> {
                    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
                    block.saveParameters(data);
                    data.flush();
                });
    }

    /**
     * Reads parameters written by {@link #writeWeights} into a freshly built block.
     *
     * @throws IllegalArgumentException when the file does not fit the block
     */
    public static void readWeights(Block block, NDManager manager, Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(
                    file + " does not hold weights for this network (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> trainableIds(Block block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .map(Parameter::getId)
                .toList();
    }

    private static List<NDArray> trainableArrays(Block block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .map(Parameter::getArray)
                .toList();
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("SHA-256 is not available", e);
        }
    }
}
