package dev.facekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pairs of an LFW pair file ({@code pairs.txt}, {@code pairsDevTrain.txt}, ...): a first line
 * with counts, then {@code name i j} for a same-person pair and {@code name1 i name2 j} for a
 * different-person pair; image {@code i} of {@code name} is {@code name/name_%04d.jpg}.
 *
 * <p>A small reader for benchmarks and tests; it keeps the file's order and ignores fold
 * boundaries.
 */
public record LfwPairs(List<Pair> pairs) {

    /**
     * One labelled pair of image paths, relative to the image folder.
     *
     * @param first the first image
     * @param second the second image
     * @param samePerson whether both show the same person
     */
    public record Pair(String first, String second, boolean samePerson) {}

    /** Reads a pair file. */
    public static LfwPairs read(Path pairFile) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(pairFile);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3) {
                pairs.add(new Pair(image(fields[0], fields[1]), image(fields[0], fields[2]), true));
            } else if (fields.length == 4) {
                pairs.add(
                        new Pair(image(fields[0], fields[1]), image(fields[2], fields[3]), false));
            } else if (!line.isBlank()) {
                throw new IOException(pairFile + ": not a pair line: " + line);
            }
        }
        return new LfwPairs(List.copyOf(pairs));
    }

    /** Every image the pairs mention, once each, in order of first mention. */
    public List<String> images() {
        Set<String> images = new LinkedHashSet<>();
        for (Pair pair : pairs) {
            images.add(pair.first());
            images.add(pair.second());
        }
        return new ArrayList<>(images);
    }

    private static String image(String name, String number) {
        return name + "/" + name + String.format("_%04d.jpg", Integer.parseInt(number));
    }
}
