package dev.facekit.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores an LFW-format pair file with a model and measures it by the LFW protocols.
 *
 * <ul>
 *   <li>A file with folds ({@code pairs.txt}): each fold is judged with the threshold that is best
 *       on the other folds; the report gives the mean accuracy and its standard deviation.
 *   <li>A single set with training pairs ({@code pairsDevTest.txt} with {@code pairsDevTrain.txt},
 *       View 1): one threshold, best on the training pairs, judges the test pairs. Honest only for
 *       a model that saw none of the people of either file: distances among a model's training
 *       people are smaller than among strangers, so a threshold chosen on them is too strict. A
 *       model trained on {@code pairsDevTrain.txt}'s people should be measured by folds within
 *       {@code pairsDevTest.txt} instead.
 *   <li>A single set alone: it is split into folds (10 by default) and cross-validated within
 *       itself.
 * </ul>
 *
 * <p>ROC AUC, equal error rate and the true-accept rates at fixed false-accept rates are computed
 * over all pairs of the evaluated file. Every distinct image is embedded once, images of the
 * training pairs included.
 */
public final class VerificationEvaluation {

    /** False-accept rates at which the true-accept rate is reported. */
    public static final List<Double> FALSE_ACCEPT_RATES = List.of(1e-3, 1e-2);

    /** Folds a single-set file is split into when no training pairs are given, as in LFW. */
    public static final int DEFAULT_FOLDS = 10;

    private final PairFile pairs;
    private final PersonFolders images;
    private final ImageEmbedder embedder;
    private PairFile trainingPairs;
    private int folds = DEFAULT_FOLDS;
    private int batchSize = EmbeddedImages.DEFAULT_BATCH;

    /**
     * @param pairs the pairs to evaluate
     * @param images the folder of person folders the pairs refer to
     * @param embedder the model, with its way of turning an image into a face chip
     */
    public VerificationEvaluation(PairFile pairs, PersonFolders images, ImageEmbedder embedder) {
        this.pairs = pairs;
        this.images = images;
        this.embedder = embedder;
    }

    /** Pairs to choose one threshold on, for a single-set file; default none. */
    public VerificationEvaluation optTrainingPairs(PairFile trainingPairs) {
        this.trainingPairs = trainingPairs;
        return this;
    }

    /** Folds for a single-set file without training pairs; default {@value #DEFAULT_FOLDS}. */
    public VerificationEvaluation optFolds(int folds) {
        this.folds = folds;
        return this;
    }

    /** Images handed to the embedder at once; default {@value EmbeddedImages#DEFAULT_BATCH}. */
    public VerificationEvaluation optBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** Embeds the images, scores the pairs and measures them. */
    public VerificationResult run() throws IOException {
        if (trainingPairs != null && pairs.folds() > 1) {
            throw new IllegalArgumentException(
                    pairs.source()
                            + " has "
                            + pairs.folds()
                            + " folds and is cross-validated on"
                            + " them; training pairs are only for a single-set file");
        }
        List<Path> needed = new ArrayList<>(distinctImages(pairs));
        if (trainingPairs != null) {
            needed.addAll(distinctImages(trainingPairs));
        }
        EmbeddedImages embedded = EmbeddedImages.embed(needed, embedder, batchSize);

        PairFile evaluated =
                pairs.folds() == 1 && trainingPairs == null ? pairs.splitIntoFolds(folds) : pairs;
        VerificationScores scores = score(evaluated, embedded);
        RocCurve roc = RocCurve.of(scores);

        VerificationReport report =
                new VerificationReport(
                        "verification",
                        Provenance.now(embedder.model(), data(), settings()),
                        protocol(),
                        scores.sameCount(),
                        scores.differentCount(),
                        embedded.size(),
                        embedded.withoutFace().stream().map(Path::toString).toList(),
                        trainingPairs == null ? crossValidation(scores) : null,
                        trainingPairs == null ? null : fixedThreshold(scores, embedded),
                        roc.areaUnderCurve(),
                        roc.equalErrorRate(),
                        tarAtFar(roc, scores),
                        atModelThreshold(scores),
                        embedded.seconds());
        return new VerificationResult(report, scores, roc);
    }

    private String protocol() {
        if (trainingPairs != null) {
            return "one threshold chosen on the training pairs, applied to the test pairs";
        }
        return pairs.folds() > 1
                ? pairs.folds()
                        + "-fold cross-validation on the file's folds, each fold's threshold chosen"
                        + " on the other folds"
                : folds
                        + "-fold cross-validation within the single set (split here), each fold's"
                        + " threshold chosen on the other folds";
    }

    private static VerificationReport.CrossValidation crossValidation(VerificationScores scores) {
        return VerificationReport.CrossValidation.of(
                VerificationMetrics.crossValidatedAccuracy(scores));
    }

    private VerificationReport.FixedThreshold fixedThreshold(
            VerificationScores scores, EmbeddedImages embedded) {
        VerificationScores training = score(trainingPairs, embedded);
        double threshold = VerificationMetrics.bestThreshold(training);
        return new VerificationReport.FixedThreshold(
                threshold,
                absolute(trainingPairs.source()),
                VerificationMetrics.accuracy(training, threshold),
                VerificationMetrics.accuracy(scores, threshold));
    }

    private static List<VerificationReport.OperatingPoint> tarAtFar(
            RocCurve roc, VerificationScores scores) {
        List<VerificationReport.OperatingPoint> points = new ArrayList<>();
        for (double far : FALSE_ACCEPT_RATES) {
            points.add(operatingPoint(far, roc.atFalseAcceptRate(far), scores));
        }
        return points;
    }

    /** The decisions at the model's calibrated threshold; null when it has none. */
    private VerificationReport.OperatingPoint atModelThreshold(VerificationScores scores) {
        double threshold = embedder.model().thresholdL2();
        return Double.isFinite(threshold) && threshold > 0 ? pointAt(threshold, scores) : null;
    }

    private List<Path> distinctImages(PairFile file) {
        List<Path> paths = new ArrayList<>();
        for (Pair pair : file.pairs()) {
            paths.addAll(images.images(pair));
        }
        return paths.stream().distinct().toList();
    }

    private VerificationScores score(PairFile file, EmbeddedImages embedded) {
        List<Pair> list = file.pairs();
        double[] distances = new double[list.size()];
        boolean[] same = new boolean[list.size()];
        int[] foldOf = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Pair pair = list.get(i);
            List<Path> both = images.images(pair);
            distances[i] = embedded.distance(both.get(0), both.get(1));
            same[i] = pair.samePerson();
            foldOf[i] = pair.fold();
        }
        return new VerificationScores(distances, same, foldOf);
    }

    private static VerificationReport.OperatingPoint operatingPoint(
            Double target, RocPoint point, VerificationScores scores) {
        return new VerificationReport.OperatingPoint(
                target,
                point.threshold(),
                point.falseAcceptRate(),
                point.trueAcceptRate(),
                VerificationMetrics.accuracy(scores, point.threshold()));
    }

    private static VerificationReport.OperatingPoint pointAt(
            double threshold, VerificationScores scores) {
        int trueAccepts = 0;
        int falseAccepts = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (scores.distance(i) < threshold) {
                if (scores.isSame(i)) {
                    trueAccepts++;
                } else {
                    falseAccepts++;
                }
            }
        }
        RocPoint point =
                new RocPoint(
                        threshold,
                        (double) falseAccepts / scores.differentCount(),
                        (double) trueAccepts / scores.sameCount());
        return operatingPoint(null, point, scores);
    }

    private Map<String, String> data() throws IOException {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("pairs", absolute(pairs.source()));
        data.put("pairsSha256", Provenance.sha256(pairs.source()));
        data.put("images", absolute(images.root()));
        if (trainingPairs != null) {
            data.put("trainingPairs", absolute(trainingPairs.source()));
            data.put("trainingPairsSha256", Provenance.sha256(trainingPairs.source()));
        }
        return data;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(embedder.settings());
        settings.put("distance", "euclidean between L2-normalised embeddings");
        settings.put("decision", "same person when distance < threshold");
        if (pairs.folds() == 1 && trainingPairs == null) {
            settings.put("foldsWithinSingleSet", folds);
        }
        settings.put("batchSize", batchSize);
        return settings;
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
