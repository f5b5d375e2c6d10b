package dev.facekit.train;

import dev.facekit.evaluate.Pair;
import dev.facekit.evaluate.PairFile;
import dev.facekit.evaluate.RocCurve;
import dev.facekit.evaluate.VerificationMetrics;
import dev.facekit.evaluate.VerificationScores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Same-person and different-person pairs of people the network never trains on, with their chips:
 * what each epoch is judged by. Made either from an LFW-format pair file or from people held out of
 * the training tree.
 */
public final class ValidationPairs {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationPairs.class);

    /** Folds of the cross-validated accuracy, as in the LFW protocol. */
    static final int FOLDS = 10;

    private final FaceChips chips;
    private final int[] first;
    private final int[] second;
    private final boolean[] same;
    private final String source;

    private ValidationPairs(
            FaceChips chips, int[] first, int[] second, boolean[] same, String source) {
        this.chips = chips;
        this.first = first;
        this.second = second;
        this.same = same;
        this.source = source;
    }

    /**
     * Loads the pairs of an LFW-format pair file, whose image {@code i} of {@code name} is {@code
     * imagesRoot/name/name_%04d.jpg}. Pairs with an unreadable image are dropped with a warning.
     */
    public static ValidationPairs fromPairFile(
            Path pairFile, Path imagesRoot, ChipPreprocessing preprocessing) throws IOException {
        PairFile pairs = PairFile.read(pairFile);
        List<Path> files = pairs.distinctImages(imagesRoot);
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            names.add(file.getParent().getFileName().toString());
        }
        FaceChips chips = FaceChips.load(imagesRoot, files, names, preprocessing);
        Map<Path, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < chips.size(); i++) {
            indexOf.put(chips.file(i), i);
        }

        List<int[]> kept = new ArrayList<>();
        for (Pair pair : pairs.pairs()) {
            Integer a = indexOf.get(pair.firstImage(imagesRoot));
            Integer b = indexOf.get(pair.secondImage(imagesRoot));
            if (a != null && b != null) {
                kept.add(new int[] {a, b, pair.samePerson() ? 1 : 0});
            }
        }
        if (kept.size() < pairs.pairs().size()) {
            LOG.warn(
                    "{} of the {} pairs in {} were dropped: an image was missing or unreadable",
                    pairs.pairs().size() - kept.size(),
                    pairs.pairs().size(),
                    pairFile);
        }
        return of(chips, kept, pairFile.getFileName().toString());
    }

    /**
     * Makes pairs from held-out people: every same-person pair up to {@code maxPerClass} (drawn at
     * random when there are more), and as many different-person pairs drawn at random.
     */
    public static ValidationPairs fromHeldOutPeople(FaceChips chips, int maxPerClass, long seed) {
        Random random = new Random(seed);
        int[] labels = chips.labels();
        List<int[]> sameCandidates = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            for (int j = i + 1; j < labels.length; j++) {
                if (labels[i] == labels[j]) {
                    sameCandidates.add(new int[] {i, j, 1});
                }
            }
        }
        java.util.Collections.shuffle(sameCandidates, random);
        List<int[]> pairs =
                new ArrayList<>(
                        sameCandidates.subList(0, Math.min(maxPerClass, sameCandidates.size())));
        int sameCount = pairs.size();
        if (sameCount == 0 || chips.people().size() < 2) {
            throw new IllegalArgumentException(
                    "the held-out validation people give no pairs; hold out more people"
                            + " (--val-split) or give a pair file (--val-pairs)");
        }
        for (int n = 0; n < sameCount; n++) {
            int i;
            int j;
            do {
                i = random.nextInt(labels.length);
                j = random.nextInt(labels.length);
            } while (labels[i] == labels[j]);
            pairs.add(new int[] {i, j, 0});
        }
        return of(chips, pairs, "held-out people");
    }

    private static ValidationPairs of(FaceChips chips, List<int[]> pairs, String source) {
        int[] first = new int[pairs.size()];
        int[] second = new int[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            first[i] = pairs.get(i)[0];
            second[i] = pairs.get(i)[1];
            same[i] = pairs.get(i)[2] == 1;
        }
        return new ValidationPairs(chips, first, second, same, source);
    }

    /** The chips the pairs refer to. */
    public FaceChips chips() {
        return chips;
    }

    /** The pairs' people, to check they are not trained on. */
    public Set<String> people() {
        return Set.copyOf(chips.people());
    }

    /** Number of pairs. */
    public int size() {
        return same.length;
    }

    /** Where the pairs came from: the pair file's name, or {@code held-out people}. */
    public String source() {
        return source;
    }

    /**
     * Scores the pairs given the embedding of every chip.
     *
     * @param embeddings one L2-normalised row per chip of {@link #chips()}
     */
    public ValidationResult score(float[][] embeddings) {
        double[] distances = new double[same.length];
        int[] folds = new int[same.length];
        int[] seen = new int[2];
        int[] perClass = new int[2];
        for (boolean s : same) {
            perClass[s ? 1 : 0]++;
        }
        for (int i = 0; i < same.length; i++) {
            distances[i] = euclidean(embeddings[first[i]], embeddings[second[i]]);
            int cls = same[i] ? 1 : 0;
            // The n-th pair of a class goes to fold n * k / size, spreading both classes evenly.
            folds[i] = (int) ((long) seen[cls]++ * FOLDS / perClass[cls]);
        }
        VerificationScores scores = VerificationScores.singleFold(distances, same);
        double threshold = VerificationMetrics.bestThreshold(scores);
        double accuracy =
                perClass[0] >= FOLDS && perClass[1] >= FOLDS
                        ? VerificationMetrics.crossValidatedAccuracy(
                                        new VerificationScores(distances, same, folds))
                                .mean()
                        : VerificationMetrics.accuracy(scores, threshold);
        double auc = RocCurve.of(scores).areaUnderCurve();
        return new ValidationResult(
                accuracy,
                auc,
                threshold,
                mean(distances, true),
                mean(distances, false),
                spread(embeddings));
    }

    private double mean(double[] distances, boolean ofSame) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < distances.length; i++) {
            if (same[i] == ofSame) {
                sum += distances[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Root-mean-square distance of the embeddings from their centroid: about 1 for unit vectors
     * spread over the sphere, near 0 when the network has collapsed everything to one point.
     */
    static double spread(float[][] embeddings) {
        int dims = embeddings[0].length;
        double[] centroid = new double[dims];
        for (float[] e : embeddings) {
            for (int d = 0; d < dims; d++) {
                centroid[d] += e[d] / (double) embeddings.length;
            }
        }
        double sum = 0;
        for (float[] e : embeddings) {
            for (int d = 0; d < dims; d++) {
                double diff = e[d] - centroid[d];
                sum += diff * diff;
            }
        }
        return Math.sqrt(sum / embeddings.length);
    }

    static double euclidean(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
