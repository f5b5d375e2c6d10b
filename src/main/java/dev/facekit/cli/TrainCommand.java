package dev.facekit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.facekit.crop.CropSettings;
import dev.facekit.evaluate.PersonFolders;
import dev.facekit.train.Augmentation;
import dev.facekit.train.ChipPreprocessing;
import dev.facekit.train.EmbeddingTrainer;
import dev.facekit.train.FaceChips;
import dev.facekit.train.FixedCrop;
import dev.facekit.train.ModelDescription;
import dev.facekit.train.TrainingSettings;
import dev.facekit.train.ValidationPairs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit train}: learns a face embedding from a tree of face crops. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains the 128-d face embedding network with the triplet loss on DATA/<person>/<image>"
                    + " face crops (the output of 'facekit crop') and saves the best epoch as a"
                    + " model folder.",
            "Validates every epoch on people never trained on: a pair file (--val-pairs) or a share"
                    + " of the people held out (--val-split). A checkpoint is written every epoch;"
                    + " --resume continues an interrupted run.",
            "Prints the saved model's summary as JSON on standard output; progress goes to"
                    + " standard error."
        })
final class TrainCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "DATA",
            description = "Training data: DATA/<person>/<image>.")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "MODEL_DIR",
            description = "Folder for the model and its checkpoint.")
    Path out;

    @Option(
            names = "--people",
            paramLabel = "LIST",
            description =
                    "Train only on the people named in this file (one per line, e.g. LFW's peopleDevTrain.txt).")
    Path peopleFile;

    @ArgGroup(exclusive = false)
    PairValidation pairValidation;

    /** Validation on an explicit pair file. */
    static final class PairValidation {
        @Option(
                names = "--val-pairs",
                required = true,
                paramLabel = "PAIRS",
                description = "LFW-format pair file of people not in the training data.")
        Path pairs;

        @Option(
                names = "--val-images",
                required = true,
                paramLabel = "DIR",
                description = "Images of the pair file: DIR/<name>/<name>_NNNN.jpg.")
        Path images;
    }

    @Option(
            names = "--val-split",
            paramLabel = "SHARE",
            description =
                    "Without --val-pairs: the share of people (with 2+ images) held out for validation. Default: ${DEFAULT-VALUE}.")
    double valSplit = 0.1;

    @Option(
            names = "--val-max-pairs",
            paramLabel = "N",
            description =
                    "With --val-split: at most N same-person and N different-person pairs. Default: ${DEFAULT-VALUE}.")
    int valMaxPairs = 1000;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Passes over the training images. Default: ${DEFAULT-VALUE}.")
    int epochs = TrainingSettings.defaults().epochs();

    @Option(
            names = "--batch-people",
            paramLabel = "P",
            description = "People per batch. Default: ${DEFAULT-VALUE}.")
    int batchPeople = TrainingSettings.defaults().peoplePerBatch();

    @Option(
            names = "--batch-images",
            paramLabel = "K",
            description = "Images per person per batch. Default: ${DEFAULT-VALUE}.")
    int batchImages = TrainingSettings.defaults().imagesPerPerson();

    @Option(
            names = "--batch-singles",
            paramLabel = "N",
            description =
                    "Single-image people added to each batch as extra negatives. Default: ${DEFAULT-VALUE}.")
    int batchSingles = TrainingSettings.defaults().singlesPerBatch();

    @Option(
            names = "--miner",
            paramLabel = "NAME",
            description =
                    "Triplet mining: batch-hard, batch-all or semi-hard. Default: ${DEFAULT-VALUE}.")
    String miner = TrainingSettings.defaults().miner();

    @Option(
            names = "--margin",
            paramLabel = "M",
            description =
                    "Triplet margin on squared distances of unit vectors. Default: ${DEFAULT-VALUE}.")
    float margin = TrainingSettings.defaults().margin();

    @Option(
            names = "--input-size",
            paramLabel = "PX",
            description = "Network input side. Default: ${DEFAULT-VALUE}.")
    int inputSize = TrainingSettings.defaults().inputSizePx();

    @Option(
            names = "--center-crop",
            paramLabel = "PX",
            description =
                    "Cut a PX-wide box around the face centre of 250x250 deep-funneled LFW images, (124.5, 136.8), before resizing; for training on whole LFW frames instead of face crops. Coordinates scale with the image width.")
    Double centerCrop;

    @Option(
            names = "--framing",
            paramLabel = "NAME",
            description =
                    "How the DATA crops were cut, recorded in the model so its users cut chips the"
                            + " same way: box (detector boxes, 'facekit crop --align none') or the"
                            + " alignment template 'facekit crop' used (facekit128 by default)."
                            + " Default: what DATA/facekit-crops.json records, else box.")
    String framing;

    @Option(
            names = "--augment",
            paramLabel = "LIST",
            description =
                    "Training augmentation: comma-separated mirror, shift, scale, colour; or none. Default: ${DEFAULT-VALUE}.")
    String augment = Augmentation.DEFAULT.describe();

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            description =
                    "Adam's peak learning rate, reached after warm-up and decayed along a cosine to 2%% by the last epoch. Default: ${DEFAULT-VALUE}.")
    float learningRate = TrainingSettings.defaults().learningRate();

    @Option(
            names = "--warmup",
            paramLabel = "STEPS",
            description = "Steps of linear learning-rate warm-up. Default: ${DEFAULT-VALUE}.")
    int warmup = TrainingSettings.defaults().warmupSteps();

    @Option(
            names = "--weight-decay",
            paramLabel = "L2",
            description = "L2 regularisation. Default: ${DEFAULT-VALUE}.")
    float weightDecay = TrainingSettings.defaults().weightDecay();

    @Option(
            names = "--classification-weight",
            paramLabel = "W",
            description =
                    "Add an auxiliary classification loss (cosine softmax with margin over the"
                            + " training people) with this weight to the triplet loss. Default:"
                            + " ${DEFAULT-VALUE} (triplet loss only).")
    float classificationWeight = TrainingSettings.defaults().classificationWeight();

    @Option(
            names = "--architecture-version",
            paramLabel = "V",
            description =
                    "Network layout: 2 keeps where on the face each feature is (flattened head),"
                            + " 1 averages it away (pooled head, as in models made before 2"
                            + " existed). Default: ${DEFAULT-VALUE}.")
    int architectureVersion = TrainingSettings.defaults().architectureVersion();

    @Option(
            names = "--seed",
            paramLabel = "N",
            description =
                    "Seed of initialisation, batches, augmentation and the validation split. Default: ${DEFAULT-VALUE}.")
    long seed = TrainingSettings.defaults().seed();

    @Option(names = "--resume", description = "Continue the run checkpointed in MODEL_DIR.")
    boolean resume;

    /** The framing 'facekit crop' recorded beside the crops, or box for crops made elsewhere. */
    private String recordedFraming() throws IOException {
        return CropSettings.read(data)
                .map(CropSettings::framing)
                .orElse(ChipPreprocessing.BOX_FRAMING);
    }

    @Override
    public Integer call() throws IOException {
        TrainingSettings settings =
                TrainingSettings.defaults()
                        .withInputSize(inputSize)
                        .withCrop(centerCrop == null ? null : FixedCrop.lfw(centerCrop))
                        .withMiner(miner, margin)
                        .withBatch(batchPeople, batchImages, batchSingles)
                        .withSchedule(epochs, learningRate, warmup, weightDecay)
                        .withAugmentation(Augmentation.parse(augment))
                        .withSeed(seed)
                        .withClassification(classificationWeight)
                        .withArchitectureVersion(architectureVersion)
                        .withChipFraming(framing != null ? framing : recordedFraming());
        ChipPreprocessing preprocessing = settings.preprocessing();

        Set<String> people =
                peopleFile == null
                        ? null
                        : new LinkedHashSet<>(new PersonFolders(data).readPeople(peopleFile));
        FaceChips all = FaceChips.loadTree(data, people, preprocessing);
        FaceChips training;
        ValidationPairs validation;
        if (pairValidation != null) {
            training = all;
            validation =
                    ValidationPairs.fromPairFile(
                            pairValidation.pairs, pairValidation.images, preprocessing);
        } else {
            FaceChips[] split = splitByPerson(all, valSplit, seed);
            training = split[0];
            validation = ValidationPairs.fromHeldOutPeople(split[1], valMaxPairs, seed);
        }

        ModelDescription model =
                new EmbeddingTrainer(settings, training, validation, out).train(resume);
        System.out.println(summary(model));
        return 0;
    }

    /**
     * Splits the chips by person: a share of the people with two or more images goes to validation,
     * everyone else to training.
     */
    static FaceChips[] splitByPerson(FaceChips chips, double share, long seed) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException(
                    "--val-split must be between 0 and 1 (exclusive), got "
                            + share
                            + "; or give --val-pairs and --val-images");
        }
        int[] counts = new int[chips.people().size()];
        for (int label : chips.labels()) {
            counts[label]++;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] >= 2) {
                candidates.add(p);
            }
        }
        Collections.shuffle(candidates, new Random(seed));
        int heldOut = (int) Math.round(candidates.size() * share);
        if (heldOut < 2 || candidates.size() - heldOut < 2) {
            throw new IllegalArgumentException(
                    "--val-split "
                            + share
                            + " of "
                            + candidates.size()
                            + " people with 2+ images"
                            + " leaves too few for training or validation (at least 2 each)");
        }
        boolean[] validation = new boolean[counts.length];
        for (int p : candidates.subList(0, heldOut)) {
            validation[p] = true;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int i = 0; i < chips.size(); i++) {
            (validation[chips.labels()[i]] ? val : train).add(i);
        }
        return new FaceChips[] {
            chips.select(train.stream().mapToInt(Integer::intValue).toArray()),
            chips.select(val.stream().mapToInt(Integer::intValue).toArray())
        };
    }

    private String summary(ModelDescription model) {
        JsonObject json = new JsonObject();
        json.addProperty("model", out.toString());
        json.addProperty("architecture", model.architecture() + " v" + model.architectureVersion());
        json.addProperty("fingerprint", model.weightsSha256());
        json.addProperty("bestEpoch", model.bestEpoch());
        json.addProperty("epochs", model.history().size());
        json.addProperty("validation", model.validationSource());
        json.addProperty("validationPairs", model.validationPairs());
        json.addProperty("accuracy", model.validation().accuracy());
        json.addProperty("auc", model.validation().auc());
        json.addProperty("thresholdL2", model.thresholdL2());
        json.addProperty("trainingImages", model.trainingImages());
        json.addProperty("trainingPeople", model.trainingPeople());
        json.addProperty(
                "trainingSeconds", model.history().stream().mapToDouble(r -> r.seconds()).sum());
        json.addProperty(
                "imagesPerSecond",
                model.history().stream().mapToDouble(r -> r.imagesPerSecond()).average().orElse(0));
        return new GsonBuilder().setPrettyPrinting().create().toJson(json);
    }
}
