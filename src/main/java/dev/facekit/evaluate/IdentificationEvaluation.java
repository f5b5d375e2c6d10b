package dev.facekit.evaluate;

import dev.facekit.embed.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a model as a face identification system on a dataset of person folders.
 *
 * <p>Each person with two or more images enrols their first image (in natural file-name order) into
 * the gallery; their other images are probes, searched against the whole gallery. Closed-set:
 * rank-1 and rank-5 accuracy, where a probe's rank counts the gallery people at least as close as
 * its own person (ties count against it). Open-set: people with a single image are strangers, never
 * enrolled; a probe or stranger is accepted as its nearest gallery person when closer than the
 * threshold. At the model's threshold, and at thresholds where a fixed fraction of strangers is
 * accepted, the report gives the strangers' false-accept rate, the detection-and-identification
 * rate (probes accepted as their own person) and the misidentification rate.
 */
public final class IdentificationEvaluation {

    /** Stranger false-accept rates at which the open-set rates are reported. */
    public static final List<Double> FALSE_ACCEPT_RATES = List.of(1e-3, 1e-2, 1e-1);

    private final PersonFolders data;
    private final ImageEmbedder embedder;
    private int batchSize = EmbeddedImages.DEFAULT_BATCH;
    private List<Double> falseAcceptRates = FALSE_ACCEPT_RATES;
    private List<String> people;

    /**
     * @param data the folder of person folders
     * @param embedder the model, with its way of turning an image into a face chip
     */
    public IdentificationEvaluation(PersonFolders data, ImageEmbedder embedder) {
        this.data = data;
        this.embedder = embedder;
    }

    /** Images handed to the embedder at once; default {@value EmbeddedImages#DEFAULT_BATCH}. */
    public IdentificationEvaluation optBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** Only these people take part, e.g. people a model never saw; default every person folder. */
    public IdentificationEvaluation optPeople(List<String> people) {
        this.people = List.copyOf(people);
        return this;
    }

    /** Stranger false-accept rates to report at; default 1e-3, 1e-2 and 1e-1. */
    public IdentificationEvaluation optFalseAcceptRates(List<Double> falseAcceptRates) {
        this.falseAcceptRates = List.copyOf(falseAcceptRates);
        return this;
    }

    /** Embeds the images, searches every probe and stranger, and measures the outcome. */
    public IdentificationReport run() throws IOException {
        List<String> enrolled = new ArrayList<>();
        List<Path> gallery = new ArrayList<>();
        List<Path> probes = new ArrayList<>();
        List<Integer> probeTruth = new ArrayList<>();
        List<Path> strangers = new ArrayList<>();
        for (String person : people == null ? data.people() : people) {
            List<Path> images = data.images(person);
            if (people != null && images.isEmpty()) {
                throw new IllegalArgumentException(
                        "the listed person "
                                + person
                                + " has no images in "
                                + data.root().resolve(person));
            }
            if (images.size() >= 2) {
                probeTruth.addAll(Collections.nCopies(images.size() - 1, enrolled.size()));
                enrolled.add(person);
                gallery.add(images.get(0));
                probes.addAll(images.subList(1, images.size()));
            } else if (images.size() == 1) {
                strangers.add(images.get(0));
            }
        }
        if (gallery.isEmpty()) {
            throw new IllegalArgumentException(
                    data.root()
                            + " has no person folder with two or more images; identification"
                            + " needs one image to enrol and one to search");
        }

        List<Path> all = new ArrayList<>(gallery);
        all.addAll(probes);
        all.addAll(strangers);
        EmbeddedImages embedded = EmbeddedImages.embed(all, embedder, batchSize);
        float[][] galleryVectors = gallery.stream().map(embedded::of).toArray(float[][]::new);

        int[] ranks = new int[probes.size()];
        int[] nearestPerson = new int[probes.size()];
        double[] nearestDistance = new double[probes.size()];
        for (int p = 0; p < probes.size(); p++) {
            double[] distances = distancesToGallery(embedded.of(probes.get(p)), galleryVectors);
            int truth = probeTruth.get(p);
            ranks[p] = rankOf(truth, distances);
            nearestPerson[p] = nearest(distances);
            nearestDistance[p] = distances[nearestPerson[p]];
        }
        double[] strangerNearest = new double[strangers.size()];
        for (int s = 0; s < strangers.size(); s++) {
            double[] distances = distancesToGallery(embedded.of(strangers.get(s)), galleryVectors);
            strangerNearest[s] = distances[nearest(distances)];
        }

        OpenSet openSet = new OpenSet(nearestPerson, nearestDistance, probeTruth, strangerNearest);
        ModelInfo model = embedder.model();
        IdentificationReport.OpenSetPoint atModelThreshold = null;
        if (Double.isFinite(model.thresholdL2()) && model.thresholdL2() > 0) {
            atModelThreshold = openSet.at(null, model.thresholdL2());
        }
        List<IdentificationReport.OpenSetPoint> atRates = new ArrayList<>();
        if (strangers.size() > 0) {
            for (double far : falseAcceptRates) {
                atRates.add(openSet.at(far, openSet.thresholdForStrangerRate(far)));
            }
        }

        return new IdentificationReport(
                "identification",
                Provenance.now(model, dataRecord(all), settings()),
                gallery.size(),
                probes.size(),
                strangers.size(),
                embedded.withoutFace().stream().map(Path::toString).toList(),
                probes.isEmpty() ? 0 : fractionAtMost(ranks, 1),
                probes.isEmpty() ? 0 : fractionAtMost(ranks, 5),
                atModelThreshold,
                atRates,
                embedded.seconds());
    }

    private Map<String, String> dataRecord(List<Path> images) throws IOException {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("data", data.root().toAbsolutePath().normalize().toString());
        if (people != null) {
            record.put("people", people.size() + " listed");
        }
        record.put("imageListingSha256", Provenance.listingSha256(data.root(), images));
        return record;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(embedder.settings());
        settings.put(
                "gallery",
                "first image of each person with two or more, in natural file-name order");
        settings.put("strangers", "people with a single image");
        settings.put("distance", "euclidean between L2-normalised embeddings");
        settings.put("batchSize", batchSize);
        return settings;
    }

    private static double[] distancesToGallery(float[] probe, float[][] gallery) {
        double[] distances = new double[gallery.length];
        for (int g = 0; g < gallery.length; g++) {
            distances[g] = EmbeddedImages.euclidean(probe, gallery[g]);
        }
        return distances;
    }

    /** 1 + the number of other gallery people at least as close as the true one. */
    static int rankOf(int truth, double[] distances) {
        int rank = 1;
        for (int g = 0; g < distances.length; g++) {
            if (g != truth && distances[g] <= distances[truth]) {
                rank++;
            }
        }
        return rank;
    }

    private static int nearest(double[] distances) {
        int best = 0;
        for (int g = 1; g < distances.length; g++) {
            if (distances[g] < distances[best]) {
                best = g;
            }
        }
        return best;
    }

    private static double fractionAtMost(int[] ranks, int k) {
        return (double) Arrays.stream(ranks).filter(rank -> rank <= k).count() / ranks.length;
    }

    /** Nearest-neighbour outcomes of the probes and strangers, judged at any threshold. */
    private record OpenSet(
            int[] nearestPerson,
            double[] nearestDistance,
            List<Integer> probeTruth,
            double[] strangerNearest) {

        IdentificationReport.OpenSetPoint at(Double target, double threshold) {
            int identified = 0;
            int misidentified = 0;
            for (int p = 0; p < nearestPerson.length; p++) {
                if (nearestDistance[p] < threshold) {
                    if (nearestPerson[p] == probeTruth.get(p)) {
                        identified++;
                    } else {
                        misidentified++;
                    }
                }
            }
            int probes = Math.max(1, nearestPerson.length);
            Double strangerRate = null;
            if (strangerNearest.length > 0) {
                strangerRate =
                        (double) Arrays.stream(strangerNearest).filter(d -> d < threshold).count()
                                / strangerNearest.length;
            }
            return new IdentificationReport.OpenSetPoint(
                    target,
                    threshold,
                    strangerRate,
                    (double) identified / probes,
                    (double) misidentified / probes);
        }

        /**
         * The largest threshold that accepts at most {@code rate} of the strangers: the distance of
         * the ({@code floor(rate * n)} + 1)-th nearest stranger, since only distances below the
         * threshold are accepted.
         */
        double thresholdForStrangerRate(double rate) {
            double[] sorted = strangerNearest.clone();
            Arrays.sort(sorted);
            int allowed = (int) Math.floor(rate * sorted.length + 1e-9);
            return allowed < sorted.length
                    ? sorted[allowed]
                    : Math.nextUp(sorted[sorted.length - 1]);
        }
    }
}
