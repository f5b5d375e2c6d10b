package dev.facekit.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.facekit.evaluate.IdentificationEvaluation;
import dev.facekit.evaluate.IdentificationReport;
import dev.facekit.evaluate.ImageEmbedder;
import dev.facekit.evaluate.PairFile;
import dev.facekit.evaluate.PersonFolders;
import dev.facekit.evaluate.VerificationCharts;
import dev.facekit.evaluate.VerificationEvaluation;
import dev.facekit.evaluate.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facekit evaluate}: measures a model on LFW-format pairs or as an identification system.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a model. With --pairs: verification by the LFW protocols (10-fold accuracy"
                    + " mean +- std for a file with folds; for a single set, a threshold from"
                    + " --train-pairs or folds within the set), ROC AUC, equal error rate and"
                    + " TAR at FAR 1e-3 and 1e-2.",
            "With --identify: one image per person as the gallery, the rest as probes; rank-1 and"
                    + " rank-5; people with one image as strangers.",
            "Prints a summary on standard error and the JSON report on standard output; --out also"
                    + " writes report.json and, for pairs, roc.png and distances.png."
        })
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(EvaluateCommand.class);

    /** Opens the model behind an evaluation; replaced in tests. */
    interface ModelOpener {
        ImageEmbedder open(
                String spec, String detector, String framing, boolean mirror, int batchSize)
                throws IOException;
    }

    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "A built-in model (dlib-resnet) or the folder of a trained model.")
    String model;

    @Option(
            names = "--pairs",
            paramLabel = "FILE",
            description = "LFW-format pair file: pairs.txt (10 folds) or a single set.")
    Path pairs;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description =
                    "Folder of person folders the pairs refer to, e.g."
                            + " lfw/images_deepfunneled.")
    Path images;

    @Option(
            names = "--train-pairs",
            paramLabel = "FILE",
            description =
                    "For a single-set --pairs file: choose one threshold on these pairs instead of"
                            + " folds within the set (View 1: pairsDevTrain.txt). Only honest for a"
                            + " model that never saw these pairs' people.")
    Path trainPairs;

    @Option(
            names = "--folds",
            paramLabel = "N",
            description =
                    "Folds a single-set file is split into without --train-pairs. Default:"
                            + " ${DEFAULT-VALUE}.")
    int folds = VerificationEvaluation.DEFAULT_FOLDS;

    @Option(
            names = "--identify",
            paramLabel = "DIR",
            description = "Evaluate identification on this folder of person folders instead.")
    Path identify;

    @Option(
            names = "--people",
            paramLabel = "FILE",
            description =
                    "With --identify: only these people, the first word of each line (LFW's"
                            + " people files work as they are). Default: every person folder.")
    Path people;

    @Mixin DetectorChoice detector;

    @Option(
            names = "--framing",
            paramLabel = "NAME",
            description =
                    "Cut chips this way instead of as the model expects: box (the detector's box)"
                            + " or an alignment template (dlib150, arcface112, facekit128); for"
                            + " measuring how much the framing matters. Default: the model's own.")
    String framing;

    @Option(
            names = "--mirror",
            description = "Embed each face and its mirror image and average the two.")
    boolean mirror;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write report.json (and roc.png, distances.png) into this folder.")
    Path out;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Images embedded per batch. Default: ${DEFAULT-VALUE}.")
    int batchSize = 64;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    private final ModelOpener opener;

    EvaluateCommand() {
        this(EvaluationModels::open);
    }

    EvaluateCommand(ModelOpener opener) {
        this.opener = opener;
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        try (ImageEmbedder embedder =
                opener.open(model, detector.name, framing, mirror, batchSize)) {
            if (identify != null) {
                identify(embedder);
            } else {
                verify(embedder);
            }
        }
        return 0;
    }

    private void verify(ImageEmbedder embedder) throws IOException {
        VerificationEvaluation evaluation =
                new VerificationEvaluation(
                                PairFile.read(pairs), new PersonFolders(images), embedder)
                        .optFolds(folds)
                        .optBatchSize(batchSize);
        if (trainPairs != null) {
            evaluation.optTrainingPairs(PairFile.read(trainPairs));
        }
        VerificationResult result = evaluation.run();

        String json = gson().toJson(result.report());
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.json"), json + "\n", StandardCharsets.UTF_8);
            VerificationCharts.writeRoc(result, out.resolve("roc.png"));
            VerificationCharts.writeDistanceHistogram(result, out.resolve("distances.png"));
            log.info("wrote report.json, roc.png and distances.png in {}", out);
        }
        spec.commandLine().getErr().print(result.report().summary());
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
    }

    private void identify(ImageEmbedder embedder) throws IOException {
        PersonFolders data = new PersonFolders(identify);
        IdentificationEvaluation evaluation =
                new IdentificationEvaluation(data, embedder).optBatchSize(batchSize);
        if (people != null) {
            evaluation.optPeople(data.readPeople(people));
        }
        IdentificationReport report = evaluation.run();

        String json = gson().toJson(report);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.json"), json + "\n", StandardCharsets.UTF_8);
            log.info("wrote report.json in {}", out);
        }
        spec.commandLine().getErr().print(report.summary());
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
    }

    private void checkOptions() {
        if ((pairs == null) == (identify == null)) {
            throw new IllegalArgumentException(
                    "give either --pairs FILE --images DIR (verification) or --identify DIR");
        }
        if (pairs != null && images == null) {
            throw new IllegalArgumentException(
                    "--pairs needs --images DIR, the folder of person folders the pairs name");
        }
        if (people != null && identify == null) {
            throw new IllegalArgumentException(
                    "--people belongs to --identify; for pairs, draw them with facekit pairs"
                            + " --people");
        }
        if (identify != null && (images != null || trainPairs != null)) {
            throw new IllegalArgumentException(
                    "--images and --train-pairs belong to --pairs, not to --identify");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be 1 or more: " + batchSize);
        }
    }

    private static Gson gson() {
        return new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .serializeSpecialFloatingPointValues()
                .create();
    }
}
