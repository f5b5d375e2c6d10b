package dev.facekit.gallery;

import dev.facekit.embed.ModelInfo;
import dev.facekit.search.ExactSearch;
import dev.facekit.search.IdentityMatch;
import dev.facekit.search.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The face database in memory: enrolled faces as rows of (embedding, person, source, source hash),
 * and the model that made every embedding.
 *
 * <p>A gallery belongs to one model. Embeddings of different models live in unrelated spaces, so
 * adding or searching with another model's embeddings is refused, naming both models. Embeddings
 * are stored row-major in one {@code float[]}, which {@link ExactSearch} scans without copying.
 *
 * <p>Not thread-safe. {@link GalleryFile} keeps it on disk and serialises changes between
 * processes.
 */
public final class Gallery {

    /** The version of the file layout {@link GalleryFile} writes; readers refuse newer ones. */
    public static final int FORMAT_VERSION = 1;

    /** How far from 1 an embedding's length may be and still count as L2-normalised. */
    private static final double NORM_TOLERANCE = 1e-3;

    private final ModelInfo model;
    private String modelSpec;
    private final Metric metric;
    private final double threshold;
    private final int dimension;

    private float[] embeddings = new float[0];
    private int[] labels = new int[0];
    private int size;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> labelOfName = new HashMap<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> sourceHashes = new ArrayList<>();
    private final Set<String> knownHashes = new HashSet<>();

    private long modifications;
    private ExactSearch search;

    /**
     * Creates an empty gallery for one model.
     *
     * @param model the model whose embeddings it will hold
     * @param modelSpec how that model was named when opened (a built-in name or a path), so that
     *     later searches can open it again
     * @param metric the distance used for matching
     * @param threshold the default "same person" threshold, in {@code metric}'s units
     */
    public Gallery(ModelInfo model, String modelSpec, Metric metric, double threshold) {
        this.model = Objects.requireNonNull(model);
        this.modelSpec = Objects.requireNonNull(modelSpec);
        this.metric = Objects.requireNonNull(metric);
        this.threshold = threshold;
        this.dimension = model.embeddingSize();
    }

    /** An empty gallery whose threshold is the model's calibrated one, in the given metric. */
    public static Gallery forModel(ModelInfo model, String modelSpec, Metric metric) {
        return new Gallery(model, modelSpec, metric, metric.thresholdFromL2(model.thresholdL2()));
    }

    /** The model that made every embedding here. */
    public ModelInfo model() {
        return model;
    }

    /** How the model was named when last opened for this gallery: a built-in name or a path. */
    public String modelSpec() {
        return modelSpec;
    }

    /** Records where the model was opened from, when it has moved. */
    public void setModelSpec(String modelSpec) {
        if (!modelSpec.equals(this.modelSpec)) {
            this.modelSpec = modelSpec;
            modifications++;
        }
    }

    /** The distance used for matching. */
    public Metric metric() {
        return metric;
    }

    /** The default "same person" threshold, in {@link #metric()}'s units. */
    public double threshold() {
        return threshold;
    }

    /** Floats per embedding. */
    public int dimension() {
        return dimension;
    }

    /** The number of enrolled faces. */
    public int size() {
        return size;
    }

    /** A counter that grows with every change, so callers can tell whether to save. */
    public long modifications() {
        return modifications;
    }

    /**
     * Refuses a model other than this gallery's, comparing fingerprints.
     *
     * @throws IllegalArgumentException naming both models and what to do
     */
    public void requireModel(ModelInfo other) {
        if (!model.fingerprint().equals(other.fingerprint())) {
            throw new IllegalArgumentException(
                    "this database holds embeddings of model "
                            + describe(model)
                            + " but the model given is "
                            + describe(other)
                            + "; embeddings of different models cannot be compared. Use the"
                            + " database's model, or enrol into a new database");
        }
    }

    private static String describe(ModelInfo model) {
        return "'" + model.name() + "' (fingerprint " + model.fingerprint() + ")";
    }

    /** Whether an image with this content hash is already enrolled. */
    public boolean containsSource(String sourceSha256) {
        return knownHashes.contains(sourceSha256);
    }

    /**
     * Adds faces made by {@code model}, skipping any whose source content is already enrolled.
     *
     * @throws IllegalArgumentException for another model, or an embedding that has the wrong length
     *     or is not L2-normalised
     */
    public Additions add(ModelInfo model, List<GalleryEntry> entries) {
        requireModel(model);
        for (GalleryEntry entry : entries) {
            requireUnitVector(entry.embedding(), entry.source());
            if (entry.person().isBlank()) {
                throw new IllegalArgumentException(entry.source() + ": the person's name is empty");
            }
        }

        List<String> duplicates = new ArrayList<>();
        int added = 0;
        for (GalleryEntry entry : entries) {
            if (!knownHashes.add(entry.sourceSha256())) {
                duplicates.add(entry.source());
                continue;
            }
            appendRow(entry.embedding(), labelFor(entry.person()), entry.source());
            sourceHashes.add(entry.sourceSha256());
            added++;
        }
        if (added > 0) {
            changed();
        }
        return new Additions(added, duplicates);
    }

    private void requireUnitVector(float[] embedding, String source) {
        if (embedding.length != dimension) {
            throw new IllegalArgumentException(
                    source
                            + ": the embedding has "
                            + embedding.length
                            + " values but this database holds "
                            + dimension);
        }
        requireUnitVector(embedding, 0, dimension, source);
    }

    private static void requireUnitVector(
            float[] values, int offset, int dimension, String source) {
        double squares = 0;
        for (int j = offset; j < offset + dimension; j++) {
            squares += values[j] * values[j];
        }
        if (!(Math.abs(Math.sqrt(squares) - 1) <= NORM_TOLERANCE)) {
            throw new IllegalArgumentException(
                    source
                            + ": the embedding is not L2-normalised (length "
                            + Math.sqrt(squares)
                            + ")");
        }
    }

    private int labelFor(String person) {
        return labelOfName.computeIfAbsent(
                person,
                name -> {
                    names.add(name);
                    return names.size() - 1;
                });
    }

    private void appendRow(float[] embedding, int label, String source) {
        if (size == labels.length) {
            int capacity = Math.max(16, size + (size >> 1));
            labels = Arrays.copyOf(labels, capacity);
            embeddings = Arrays.copyOf(embeddings, Math.multiplyExact(capacity, dimension));
        }
        System.arraycopy(embedding, 0, embeddings, size * dimension, dimension);
        labels[size] = label;
        sources.add(source);
        size++;
    }

    /**
     * Removes a person and all their faces.
     *
     * @return how many faces were removed
     * @throws IllegalArgumentException when nobody of that name is enrolled
     */
    public int removePerson(String person) {
        int label = requirePerson(person);
        int kept = 0;
        for (int row = 0; row < size; row++) {
            if (labels[row] == label) {
                knownHashes.remove(sourceHashes.get(row));
                continue;
            }
            if (kept != row) {
                System.arraycopy(
                        embeddings, row * dimension, embeddings, kept * dimension, dimension);
                sources.set(kept, sources.get(row));
                sourceHashes.set(kept, sourceHashes.get(row));
            }
            labels[kept] = labels[row] > label ? labels[row] - 1 : labels[row];
            kept++;
        }
        int removed = size - kept;
        sources.subList(kept, size).clear();
        sourceHashes.subList(kept, size).clear();
        size = kept;
        names.remove(label);
        rebuildLabelIndex();
        changed();
        return removed;
    }

    /**
     * Renames a person. When the new name is already enrolled, the two become one person.
     *
     * @return how many faces now carry the new name because of this call
     * @throws IllegalArgumentException when nobody of the old name is enrolled, or the new name is
     *     empty
     */
    public int renamePerson(String oldName, String newName) {
        int label = requirePerson(oldName);
        if (newName.isBlank()) {
            throw new IllegalArgumentException("the new name is empty");
        }
        int moved = 0;
        for (int row = 0; row < size; row++) {
            if (labels[row] == label) {
                moved++;
            }
        }
        Integer existing = labelOfName.get(newName);
        if (existing == null) {
            names.set(label, newName);
            rebuildLabelIndex();
        } else if (existing != label) {
            for (int row = 0; row < size; row++) {
                if (labels[row] == label) {
                    labels[row] = existing;
                }
                if (labels[row] > label) {
                    labels[row]--;
                }
            }
            names.remove(label);
            rebuildLabelIndex();
        }
        changed();
        return moved;
    }

    private int requirePerson(String person) {
        Integer label = labelOfName.get(person);
        if (label == null) {
            throw new IllegalArgumentException(
                    "nobody called '"
                            + person
                            + "' is enrolled (list the people with `facekit db list`)");
        }
        return label;
    }

    private void rebuildLabelIndex() {
        labelOfName.clear();
        for (int label = 0; label < names.size(); label++) {
            labelOfName.put(names.get(label), label);
        }
    }

    /** Everyone enrolled with their number of faces, sorted by name. */
    public List<PersonCount> people() {
        int[] counts = new int[names.size()];
        for (int row = 0; row < size; row++) {
            counts[labels[row]]++;
        }
        List<PersonCount> people = new ArrayList<>(names.size());
        for (int label = 0; label < names.size(); label++) {
            people.add(new PersonCount(names.get(label), counts[label]));
        }
        people.sort(Comparator.comparing(PersonCount::person));
        return people;
    }

    /** Counts, the model and the matching settings. */
    public GalleryStats stats() {
        int[] counts = people().stream().mapToInt(PersonCount::faces).sorted().toArray();
        int n = counts.length;
        double median = n == 0 ? 0 : (counts[(n - 1) / 2] + counts[n / 2]) / 2.0;
        return new GalleryStats(
                size,
                n,
                n == 0 ? 0 : counts[0],
                median,
                n == 0 ? 0 : counts[n - 1],
                model.name(),
                model.fingerprint(),
                modelSpec,
                dimension,
                metric.id(),
                threshold,
                FORMAT_VERSION);
    }

    /**
     * Finds the people closest to a probe face.
     *
     * @param probeModel the model that embedded the probe; must be this gallery's
     * @param probe the probe's L2-normalised embedding
     * @param k how many people to return at most
     * @return up to k people, closest first, each with their closest enrolled face
     */
    public List<PersonMatch> nearestPeople(ModelInfo probeModel, float[] probe, int k) {
        return nearestPeople(probeModel, new float[][] {probe}, k).get(0);
    }

    /** As {@link #nearestPeople(ModelInfo, float[], int)} for several probes in one scan. */
    public List<List<PersonMatch>> nearestPeople(ModelInfo probeModel, float[][] probes, int k) {
        requireModel(probeModel);
        for (float[] probe : probes) {
            requireUnitVector(probe, "the probe");
        }
        if (search == null) {
            search = new ExactSearch(embeddings, size, dimension, labels, names.size(), metric);
        }
        List<List<PersonMatch>> results = new ArrayList<>(probes.length);
        for (List<IdentityMatch> matches : search.nearest(probes, k)) {
            results.add(
                    matches.stream()
                            .map(
                                    m ->
                                            new PersonMatch(
                                                    names.get(m.identity()),
                                                    sources.get(m.row()),
                                                    m.distance()))
                            .toList());
        }
        return results;
    }

    private void changed() {
        modifications++;
        search = null;
    }

    // Row access for GalleryFile, which writes and reads these arrays as they are.

    float[] embeddingRows() {
        int length = size * dimension;
        return embeddings.length == length ? embeddings : Arrays.copyOf(embeddings, length);
    }

    int[] labelRows() {
        return labels.length == size ? labels : Arrays.copyOf(labels, size);
    }

    List<String> names() {
        return List.copyOf(names);
    }

    List<String> sources() {
        return List.copyOf(sources);
    }

    List<String> sourceHashes() {
        return List.copyOf(sourceHashes);
    }

    /**
     * Restores rows read from a file, checking that they are consistent.
     *
     * @throws IllegalArgumentException describing the first inconsistency
     */
    void restore(
            float[] rows,
            int[] rowLabels,
            String[] labelNames,
            String[] rowSources,
            String[] hashes) {
        int count = rowLabels.length;
        if (rows.length != (long) count * dimension
                || rowSources.length != count
                || hashes.length != count) {
            throw new IllegalArgumentException(
                    "its arrays disagree on the number of faces ("
                            + rows.length / Math.max(1, dimension)
                            + " embeddings, "
                            + count
                            + " labels, "
                            + rowSources.length
                            + " sources, "
                            + hashes.length
                            + " hashes)");
        }
        for (String name : labelNames) {
            if (labelOfName.put(name, names.size()) != null) {
                throw new IllegalArgumentException("the name '" + name + "' appears twice");
            }
            names.add(name);
        }
        for (int row = 0; row < count; row++) {
            if (rowLabels[row] < 0 || rowLabels[row] >= labelNames.length) {
                throw new IllegalArgumentException(
                        "row " + row + " has label " + rowLabels[row] + ", which has no name");
            }
            requireUnitVector(rows, row * dimension, dimension, "row " + row);
        }
        embeddings = rows;
        labels = rowLabels;
        size = count;
        sources.addAll(List.of(rowSources));
        sourceHashes.addAll(List.of(hashes));
        knownHashes.addAll(sourceHashes);
    }
}
