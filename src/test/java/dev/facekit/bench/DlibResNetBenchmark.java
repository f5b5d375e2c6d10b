package dev.facekit.bench;

import dev.facekit.embed.dlib.DlibResNetEmbedder;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.UnreadableImageException;
import dev.facekit.opencv.OpenCvLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the built-in dlib ResNet on this machine: its speed, and its accuracy on LFW with a
 * fixed crop of the deep-funneled images (a check of the port that needs no detector or alignment),
 * and derives the "same person" threshold for L2-normalised descriptors.
 *
 * <p>Run from the project root (the LFW folder defaults to {@code ../shared/datasets/lfw}):
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
 *     -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     dev.facekit.bench.DlibResNetBenchmark speed
 * OMP_WAIT_POLICY=PASSIVE java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     dev.facekit.bench.DlibResNetBenchmark lfw
 * </pre>
 *
 * <p>{@code speed} embeds 512 LFW chips in batches of 32, then 128 one at a time, after a warm-up,
 * and prints chips per second (preprocessing included, decoding excluded); about a minute on 2
 * cores. {@code lfw} embeds every image of {@code pairsDevTrain.txt} and {@code pairsDevTest.txt}
 * (about 6,000), prints the norms of the raw descriptors, picks the threshold with the best
 * accuracy on DevTrain (raw and normalised), and prints DevTest accuracy at those thresholds and at
 * dlib's 0.6; about three minutes. {@code folds} runs LFW's 10-fold protocol on {@code pairs.txt}
 * (about 7,700 images; two to three minutes). An optional second argument is the LFW folder.
 */
public final class DlibResNetBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(DlibResNetBenchmark.class);

    private DlibResNetBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "speed";
        Path lfw = Path.of(args.length > 1 ? args[1] : "../shared/datasets/lfw");
        OpenCvLibrary.load();
        try (DlibResNetEmbedder embedder = DlibResNetEmbedder.open()) {
            switch (mode) {
                case "speed" -> speed(embedder, lfw);
                case "lfw" -> accuracy(embedder, lfw);
                case "folds" -> tenFolds(embedder, lfw);
                default ->
                        throw new IllegalArgumentException(
                                "mode must be speed, lfw or folds: " + mode);
            }
        }
    }

    private static void speed(DlibResNetEmbedder embedder, Path lfw) throws Exception {
        List<String> images = LfwPairs.read(lfw.resolve("pairsDevTest.txt")).images();
        List<Mat> chips = chips(lfw, images.subList(0, 512));

        embedder.descriptors(chips.subList(0, 64));
        long start = System.nanoTime();
        embedder.descriptors(chips);
        double batched = chips.size() / seconds(start);

        List<Mat> single = chips.subList(0, 128);
        embedder.descriptors(single.subList(0, 4));
        start = System.nanoTime();
        for (Mat chip : single) {
            embedder.descriptors(List.of(chip));
        }
        double oneAtATime = single.size() / seconds(start);

        System.out.printf(
                Locale.ROOT,
                "batched (%d per batch): %.1f chips/s over %d chips%n",
                embedder.batchSize(),
                batched,
                chips.size());
        System.out.printf(
                Locale.ROOT, "one at a time: %.1f chips/s over %d chips%n", oneAtATime, 128);
    }

    private static void accuracy(DlibResNetEmbedder embedder, Path lfw) throws Exception {
        LfwPairs devTrain = LfwPairs.read(lfw.resolve("pairsDevTrain.txt"));
        LfwPairs devTest = LfwPairs.read(lfw.resolve("pairsDevTest.txt"));
        Map<String, float[]> raw = new HashMap<>();
        embedAll(embedder, lfw, devTrain.images(), raw);
        embedAll(embedder, lfw, devTest.images(), raw);

        double[] norms = raw.values().stream().mapToDouble(DlibResNetBenchmark::norm).toArray();
        double mean = Arrays.stream(norms).average().orElseThrow();
        double sd =
                Math.sqrt(
                        Arrays.stream(norms)
                                .map(n -> (n - mean) * (n - mean))
                                .average()
                                .orElseThrow());
        System.out.printf(
                Locale.ROOT,
                "raw descriptor norm over %d chips: mean %.4f, sd %.4f, min %.4f, max %.4f%n",
                norms.length,
                mean,
                sd,
                Arrays.stream(norms).min().orElseThrow(),
                Arrays.stream(norms).max().orElseThrow());
        System.out.printf(Locale.ROOT, "dlib's 0.6 divided by the mean norm: %.4f%n", 0.6 / mean);

        Map<String, float[]> unit = new HashMap<>();
        raw.forEach((image, descriptor) -> unit.put(image, normalised(descriptor)));

        double rawThreshold = bestThreshold(distances(devTrain, raw), devTrain);
        double unitThreshold = bestThreshold(distances(devTrain, unit), devTrain);
        report("raw, dlib's 0.6", devTrain, devTest, raw, 0.6);
        report("raw, best on DevTrain", devTrain, devTest, raw, rawThreshold);
        report("normalised, 0.6 / mean norm", devTrain, devTest, unit, 0.6 / mean);
        report("normalised, best on DevTrain", devTrain, devTest, unit, unitThreshold);
        report(
                "normalised, facekit's THRESHOLD_L2",
                devTrain,
                devTest,
                unit,
                DlibResNetEmbedder.THRESHOLD_L2);
    }

    /**
     * LFW's 10-fold protocol on {@code pairs.txt}: for each fold, the threshold with the best
     * accuracy on the other nine folds is applied to it; the mean and standard deviation of the ten
     * accuracies are reported.
     */
    private static void tenFolds(DlibResNetEmbedder embedder, Path lfw) throws Exception {
        LfwPairs all = LfwPairs.read(lfw.resolve("pairs.txt"));
        Map<String, float[]> unit = new HashMap<>();
        embedAll(embedder, lfw, all.images(), unit);
        unit.replaceAll((image, descriptor) -> normalised(descriptor));

        int folds = 10;
        int foldSize = all.pairs().size() / folds;
        double[] accuracies = new double[folds];
        double[] thresholds = new double[folds];
        for (int k = 0; k < folds; k++) {
            List<LfwPairs.Pair> test = all.pairs().subList(k * foldSize, (k + 1) * foldSize);
            List<LfwPairs.Pair> train = new ArrayList<>(all.pairs().subList(0, k * foldSize));
            train.addAll(all.pairs().subList((k + 1) * foldSize, all.pairs().size()));
            LfwPairs trainPairs = new LfwPairs(train);
            LfwPairs testPairs = new LfwPairs(test);
            thresholds[k] = bestThreshold(distances(trainPairs, unit), trainPairs);
            accuracies[k] = accuracy(distances(testPairs, unit), testPairs, thresholds[k]);
        }
        double mean = Arrays.stream(accuracies).average().orElseThrow();
        double sd =
                Math.sqrt(
                        Arrays.stream(accuracies)
                                .map(a -> (a - mean) * (a - mean))
                                .average()
                                .orElseThrow());
        System.out.printf(
                Locale.ROOT,
                "pairs.txt, 10 folds, fixed crop, normalised: %.2f%% +- %.2f (thresholds %.3f to"
                        + " %.3f)%n",
                100 * mean,
                100 * sd,
                Arrays.stream(thresholds).min().orElseThrow(),
                Arrays.stream(thresholds).max().orElseThrow());
    }

    private static void report(
            String label,
            LfwPairs devTrain,
            LfwPairs devTest,
            Map<String, float[]> embeddings,
            double threshold) {
        System.out.printf(
                Locale.ROOT,
                "%-36s threshold %.4f: DevTrain %.2f%%, DevTest %.2f%%%n",
                label,
                threshold,
                100 * accuracy(distances(devTrain, embeddings), devTrain, threshold),
                100 * accuracy(distances(devTest, embeddings), devTest, threshold));
    }

    private static void embedAll(
            DlibResNetEmbedder embedder, Path lfw, List<String> images, Map<String, float[]> into)
            throws UnreadableImageException {
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (!into.containsKey(image)) {
                missing.add(image);
            }
        }
        long start = System.nanoTime();
        int chunk = 256;
        for (int from = 0; from < missing.size(); from += chunk) {
            List<String> names = missing.subList(from, Math.min(missing.size(), from + chunk));
            List<Mat> chips = chips(lfw, names);
            float[][] descriptors = embedder.descriptors(chips);
            for (int i = 0; i < names.size(); i++) {
                into.put(names.get(i), descriptors[i]);
                chips.get(i).release();
            }
            int done = from + names.size();
            double rate = done / seconds(start);
            LOG.info(
                    "embedded {}/{} images, {} images/s, ETA {} s",
                    done,
                    missing.size(),
                    Math.round(rate),
                    Math.round((missing.size() - done) / rate));
        }
    }

    private static List<Mat> chips(Path lfw, List<String> images) throws UnreadableImageException {
        ImageDecoder decoder = new ImageDecoder();
        List<Mat> chips = new ArrayList<>();
        for (String image : images) {
            Mat photo = decoder.read(lfw.resolve("images_deepfunneled").resolve(image)).bgr();
            chips.add(FixedCrop.LFW_DLIB.cut(photo));
            photo.release();
        }
        return chips;
    }

    private static double[] distances(LfwPairs pairs, Map<String, float[]> embeddings) {
        return pairs.pairs().stream()
                .mapToDouble(
                        pair ->
                                distance(
                                        embeddings.get(pair.first()),
                                        embeddings.get(pair.second())))
                .toArray();
    }

    /** The threshold, midway between two observed distances, with the best accuracy. */
    private static double bestThreshold(double[] distances, LfwPairs pairs) {
        double[] sorted = distances.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        double bestAccuracy = -1;
        for (int i = 0; i + 1 < sorted.length; i++) {
            double candidate = (sorted[i] + sorted[i + 1]) / 2;
            double accuracy = accuracy(distances, pairs, candidate);
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = candidate;
            }
        }
        return best;
    }

    private static double accuracy(double[] distances, LfwPairs pairs, double threshold) {
        int correct = 0;
        for (int i = 0; i < distances.length; i++) {
            if ((distances[i] < threshold) == pairs.pairs().get(i).samePerson()) {
                correct++;
            }
        }
        return (double) correct / distances.length;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static double norm(float[] v) {
        return distance(v, new float[v.length]);
    }

    private static float[] normalised(float[] v) {
        double norm = norm(v);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
