package dev.facekit.train;

import java.util.function.Consumer;

/**
 * Everything that shapes a training run; saved with the model so the run can be understood and
 * repeated. {@link #defaults()} gives the documented defaults; change them with the {@code with}
 * methods.
 *
 * @param inputSizePx network input side; 96 px trains at 70-100 images/s on two cores, 112 px at
 *     about 70
 * @param embeddingSize embedding length, 128 as in FaceNet
 * @param crop fixed box cut from each image before resizing, or {@code null} to use chips whole
 * @param miner triplet miner name: {@code batch-hard} (default), {@code batch-all}, {@code
 *     semi-hard}
 * @param margin triplet margin on squared distances, 0.2
 * @param peoplePerBatch P, 16
 * @param imagesPerPerson K, 4
 * @param singlesPerBatch single-image people added to each batch as extra negatives, 0
 * @param epochs passes over the training images, 30
 * @param learningRate Adam's peak rate, 1e-3
 * @param finalRateFraction learning rate at the end as a fraction of the peak (cosine decay), 0.02
 * @param warmupSteps steps of linear learning-rate warm-up, 100
 * @param weightDecay L2 regularisation, 5e-5
 * @param augmentation random changes applied to training chips, mirror+shift+scale+colour
 * @param seed seeds weight initialisation, batch drawing, augmentation and the validation split
 * @param chipFraming how the training chips were cut when used whole (no fixed crop): {@code box}
 *     for detector boxes (the default), or the alignment template {@code facekit crop} used, such
 *     as {@code facekit128}; recorded in the model so users cut chips the same way
 * @param classificationWeight weight of the auxiliary classification loss added to the triplet loss
 *     ({@link ClassificationLoss}); 0 (the default) trains on the triplet loss alone
 * @param architectureVersion the network layout, {@link EmbeddingNetwork#VERSION} by default; 0, as
 *     read from settings saved before the field existed, means version 1
 */
public record TrainingSettings(
        int inputSizePx,
        int embeddingSize,
        FixedCrop crop,
        String miner,
        float margin,
        int peoplePerBatch,
        int imagesPerPerson,
        int singlesPerBatch,
        int epochs,
        float learningRate,
        float finalRateFraction,
        int warmupSteps,
        float weightDecay,
        Augmentation augmentation,
        long seed,
        String chipFraming,
        float classificationWeight,
        int architectureVersion) {

    /** The documented defaults. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(
                96,
                128,
                null,
                "batch-hard",
                TripletLoss.DEFAULT_MARGIN,
                IdentityBatchSampler.DEFAULT_PEOPLE,
                IdentityBatchSampler.DEFAULT_IMAGES,
                0,
                30,
                1e-3f,
                0.02f,
                100,
                5e-5f,
                Augmentation.DEFAULT,
                42,
                ChipPreprocessing.BOX_FRAMING,
                0f,
                EmbeddingNetwork.VERSION);
    }

    /** Checks every value, so a bad option fails before hours of work. */
    public TrainingSettings {
        TripletMiner.named(miner);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1: " + epochs);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive: " + learningRate);
        }
        if (!(margin > 0)) {
            throw new IllegalArgumentException("margin must be positive: " + margin);
        }
        if (embeddingSize < 2) {
            throw new IllegalArgumentException("embedding size must be at least 2");
        }
        if (!(classificationWeight >= 0)) {
            throw new IllegalArgumentException(
                    "classification weight must be 0 or more: " + classificationWeight);
        }
        if (architectureVersion == 0) {
            architectureVersion = EmbeddingNetwork.POOLED_VERSION;
        }
        if (!EmbeddingNetwork.supports(architectureVersion)) {
            throw new IllegalArgumentException(
                    "unknown architecture version "
                            + architectureVersion
                            + "; use "
                            + EmbeddingNetwork.POOLED_VERSION
                            + " or "
                            + EmbeddingNetwork.VERSION);
        }
        new ChipPreprocessing(inputSizePx, crop, chipFraming);
    }

    /** The preprocessing these settings imply. */
    public ChipPreprocessing preprocessing() {
        return new ChipPreprocessing(inputSizePx, crop, chipFraming);
    }

    public TrainingSettings withInputSize(int px) {
        return change(c -> c.inputSizePx = px);
    }

    public TrainingSettings withCrop(FixedCrop fixedCrop) {
        return change(c -> c.crop = fixedCrop);
    }

    public TrainingSettings withMiner(String name, float m) {
        return change(
                c -> {
                    c.miner = name;
                    c.margin = m;
                });
    }

    public TrainingSettings withBatch(int people, int images, int singles) {
        return change(
                c -> {
                    c.peoplePerBatch = people;
                    c.imagesPerPerson = images;
                    c.singlesPerBatch = singles;
                });
    }

    public TrainingSettings withSchedule(int e, float rate, int warmup, float decay) {
        return change(
                c -> {
                    c.epochs = e;
                    c.learningRate = rate;
                    c.warmupSteps = warmup;
                    c.weightDecay = decay;
                });
    }

    public TrainingSettings withAugmentation(Augmentation a) {
        return change(c -> c.augmentation = a);
    }

    public TrainingSettings withSeed(long s) {
        return change(c -> c.seed = s);
    }

    public TrainingSettings withClassification(float weight) {
        return change(c -> c.classificationWeight = weight);
    }

    public TrainingSettings withChipFraming(String framing) {
        return change(c -> c.chipFraming = framing);
    }

    public TrainingSettings withArchitectureVersion(int version) {
        return change(c -> c.architectureVersion = version);
    }

    /** A copy of these settings with the changes {@code edit} makes; the constructor checks it. */
    private TrainingSettings change(Consumer<Draft> edit) {
        Draft draft = new Draft(this);
        edit.accept(draft);
        return draft.build();
    }

    /** The settings as plain fields, so that a {@code with} method changes only its own. */
    private static final class Draft {
        int inputSizePx;
        int embeddingSize;
        FixedCrop crop;
        String miner;
        float margin;
        int peoplePerBatch;
        int imagesPerPerson;
        int singlesPerBatch;
        int epochs;
        float learningRate;
        float finalRateFraction;
        int warmupSteps;
        float weightDecay;
        Augmentation augmentation;
        long seed;
        String chipFraming;
        float classificationWeight;
        int architectureVersion;

        Draft(TrainingSettings s) {
            inputSizePx = s.inputSizePx;
            embeddingSize = s.embeddingSize;
            crop = s.crop;
            miner = s.miner;
            margin = s.margin;
            peoplePerBatch = s.peoplePerBatch;
            imagesPerPerson = s.imagesPerPerson;
            singlesPerBatch = s.singlesPerBatch;
            epochs = s.epochs;
            learningRate = s.learningRate;
            finalRateFraction = s.finalRateFraction;
            warmupSteps = s.warmupSteps;
            weightDecay = s.weightDecay;
            augmentation = s.augmentation;
            seed = s.seed;
            chipFraming = s.chipFraming;
            classificationWeight = s.classificationWeight;
            architectureVersion = s.architectureVersion;
        }

        TrainingSettings build() {
            return new TrainingSettings(
                    inputSizePx,
                    embeddingSize,
                    crop,
                    miner,
                    margin,
                    peoplePerBatch,
                    imagesPerPerson,
                    singlesPerBatch,
                    epochs,
                    learningRate,
                    finalRateFraction,
                    warmupSteps,
                    weightDecay,
                    augmentation,
                    seed,
                    chipFraming,
                    classificationWeight,
                    architectureVersion);
        }
    }
}
