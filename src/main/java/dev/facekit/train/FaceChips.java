package dev.facekit.train;

import dev.facekit.image.ImageDecoder;
import dev.facekit.image.Picture;
import dev.facekit.image.UnreadableImageException;
import dev.facekit.progress.ProgressBar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Face chips held in memory, already framed and resized to the network's input, each labelled with
 * its person: the training set, or the images of a validation pair list. At 96 px a chip takes 27
 * KB, so the 9,000 LFW chips of a full run fit in about 250 MB and every epoch after the first
 * costs no decoding.
 */
public final class FaceChips {

    private static final Logger LOG = LoggerFactory.getLogger(FaceChips.class);

    private static final Set<String> IMAGE_SUFFIXES =
            Set.of(".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm");

    private final List<String> people;
    private final int[] labels;
    private final List<Path> files;
    private final byte[][] pixels;
    private final int sizePx;
    private final String[] relativeNames;
    private final byte[][] fileHashes;

    private FaceChips(
            List<String> people,
            int[] labels,
            List<Path> files,
            byte[][] pixels,
            int sizePx,
            String[] relativeNames,
            byte[][] fileHashes) {
        this.people = List.copyOf(people);
        this.labels = labels;
        this.files = List.copyOf(files);
        this.pixels = pixels;
        this.sizePx = sizePx;
        this.relativeNames = relativeNames;
        this.fileHashes = fileHashes;
    }

    /**
     * Loads a {@code root/<person>/<image>} tree. Unreadable images are skipped with one WARN line
     * each; people left with no image are dropped.
     *
     * @param root the tree's root folder
     * @param only the people to load, or {@code null} for every folder
     * @param preprocessing how each image becomes a chip
     * @throws IllegalArgumentException when the root is not a folder or holds no image
     */
    public static FaceChips loadTree(Path root, Set<String> only, ChipPreprocessing preprocessing)
            throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    root
                            + " is not a folder; give a folder with one sub-folder of face crops per"
                            + " person");
        }
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String person = folder.getFileName().toString();
                if (only != null && !only.contains(person)) {
                    continue;
                }
                try (Stream<Path> images = Files.list(folder)) {
                    for (Path image : images.filter(FaceChips::isImageFile).sorted().toList()) {
                        files.add(image);
                        names.add(person);
                    }
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "no images found under "
                            + root
                            + (only == null ? "" : " for the " + only.size() + " listed people")
                            + "; expected root/<person>/<image>");
        }
        return load(root, files, names, preprocessing);
    }

    /**
     * Loads the listed files, labelled with the given person names.
     *
     * @param root the folder the fingerprint takes paths relative to
     */
    public static FaceChips load(
            Path root, List<Path> files, List<String> personOfFile, ChipPreprocessing preprocessing)
            throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<String> people = new ArrayList<>();
        java.util.Map<String, Integer> labelOf = new java.util.HashMap<>();
        List<Path> kept = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        List<byte[]> chips = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();

        ProgressBar progress = new ProgressBar("loading", files.size(), "images");
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                LOG.warn("Skipped {}: cannot read ({})", file, e.getMessage());
                continue;
            }
            Picture picture;
            try {
                picture = decoder.read(file);
            } catch (UnreadableImageException e) {
                LOG.warn("Skipped {}", e.getMessage());
                continue;
            }
            chips.add(preprocessing.chipPixels(picture.bgr()));
            picture.release();

            String person = personOfFile.get(i);
            Integer label = labelOf.get(person);
            if (label == null) {
                label = people.size();
                labelOf.put(person, label);
                people.add(person);
            }
            kept.add(file);
            keptLabels.add(label);
            names.add(relativeName(root, file));
            hashes.add(sha256().digest(bytes));
            progress.step();
        }
        progress.close();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(
                    "none of the " + files.size() + " images could be read");
        }

        int[] labels = keptLabels.stream().mapToInt(Integer::intValue).toArray();
        return new FaceChips(
                people,
                labels,
                kept,
                chips.toArray(new byte[0][]),
                preprocessing.inputSizePx(),
                names.toArray(new String[0]),
                hashes.toArray(new byte[0][]));
    }

    /** A subset, keeping the order; labels are renumbered densely. */
    public FaceChips select(int[] indices) {
        List<Path> chosenFiles = new ArrayList<>();
        List<String> chosenPeople = new ArrayList<>();
        java.util.Map<Integer, Integer> newLabel = new java.util.HashMap<>();
        int[] chosenLabels = new int[indices.length];
        byte[][] chosenPixels = new byte[indices.length][];
        String[] chosenNames = new String[indices.length];
        byte[][] chosenHashes = new byte[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            int old = labels[index];
            Integer label = newLabel.get(old);
            if (label == null) {
                label = chosenPeople.size();
                newLabel.put(old, label);
                chosenPeople.add(people.get(old));
            }
            chosenLabels[i] = label;
            chosenFiles.add(files.get(index));
            chosenPixels[i] = pixels[index];
            chosenNames[i] = relativeNames[index];
            chosenHashes[i] = fileHashes[index];
        }
        return new FaceChips(
                chosenPeople,
                chosenLabels,
                chosenFiles,
                chosenPixels,
                sizePx,
                chosenNames,
                chosenHashes);
    }

    /** Number of chips. */
    public int size() {
        return pixels.length;
    }

    /** The person names; a label is an index into this list. */
    public List<String> people() {
        return people;
    }

    /** The person of each chip, as an index into {@link #people()}; do not modify. */
    public int[] labels() {
        return labels;
    }

    /** The file each chip came from. */
    public Path file(int index) {
        return files.get(index);
    }

    /** One chip's pixels: {@code sizePx^2 * 3} BGR bytes; do not modify. */
    public byte[] pixels(int index) {
        return pixels[index];
    }

    /** The chips' side in pixels. */
    public int sizePx() {
        return sizePx;
    }

    /**
     * SHA-256 over every chip's file path (relative to the root) and file hash, in order: two runs
     * with the same fingerprint saw the same images.
     */
    public String fingerprint() {
        MessageDigest digest = sha256();
        for (int i = 0; i < relativeNames.length; i++) {
            digest.update(relativeNames[i].getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(fileHashes[i]);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static boolean isImageFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(path)
                && dot >= 0
                && IMAGE_SUFFIXES.contains(name.substring(dot));
    }

    private static String relativeName(Path root, Path file) {
        try {
            return root.relativize(file).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is not available", e));
        }
    }
}
