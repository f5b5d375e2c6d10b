package dev.facekit.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A pair file in the LFW format, parsed.
 *
 * <p>The first line gives either the number of pairs per class ({@code 500}: a single set such as
 * {@code pairsDevTest.txt}) or the number of folds and the pairs per class in each fold ({@code 10
 * 300}: {@code pairs.txt}). Then, per fold, come that many same-person lines ({@code name i j})
 * followed by that many different-person lines ({@code name1 i name2 j}). Fields are separated by
 * tabs or spaces.
 *
 * @param source where the pairs were read from
 * @param folds the number of folds; 1 for a single-set file
 * @param pairsPerClass same-person pairs in each fold, equal to the different-person pairs per fold
 * @param pairs every pair in file order, each knowing its fold
 */
public record PairFile(Path source, int folds, int pairsPerClass, List<Pair> pairs) {

    public PairFile {
        pairs = List.copyOf(pairs);
    }

    /**
     * Reads a pair file.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not in the LFW format; the message names the file
     *     and the line
     */
    public static PairFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> content = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                content.add(line.strip());
            }
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException(
                    file
                            + " is empty; a pair file starts with the pairs per class, or the folds and"
                            + " the pairs per class");
        }

        String[] header = content.get(0).split("\\s+");
        int folds;
        int perClass;
        if (header.length == 1) {
            folds = 1;
            perClass = parseCount(file, 1, header[0]);
        } else if (header.length == 2) {
            folds = parseCount(file, 1, header[0]);
            perClass = parseCount(file, 1, header[1]);
        } else {
            throw new IllegalArgumentException(
                    file
                            + " line 1: expected '<pairs per class>' or '<folds> <pairs per class>',"
                            + " found '"
                            + content.get(0)
                            + "'");
        }

        int expected = folds * 2 * perClass;
        if (content.size() - 1 != expected) {
            throw new IllegalArgumentException(
                    file
                            + ": the header promises "
                            + folds
                            + " fold(s) x 2 x "
                            + perClass
                            + " = "
                            + expected
                            + " pairs, but the file has "
                            + (content.size() - 1)
                            + " pair lines");
        }

        List<Pair> pairs = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            int lineNumber = i + 2;
            int fold = i / (2 * perClass);
            boolean sameExpected = (i % (2 * perClass)) < perClass;
            Pair pair = parsePair(file, lineNumber, content.get(i + 1), fold);
            if (pair.samePerson() != sameExpected) {
                throw new IllegalArgumentException(
                        file
                                + " line "
                                + lineNumber
                                + ": expected a "
                                + (sameExpected ? "same-person" : "different-person")
                                + " pair here, found '"
                                + content.get(i + 1)
                                + "'");
            }
            pairs.add(pair);
        }
        return new PairFile(file, folds, perClass, pairs);
    }

    /**
     * This file's pairs split into {@code k} folds of equal size, same-person and different-person
     * pairs spread evenly: the {@code n}-th pair of a class goes to fold {@code n * k / size}. For
     * a single-set file this is how its accuracy is cross-validated within itself. Since LFW files
     * list pairs by name, neighbouring folds may share a person at their borders.
     */
    public PairFile splitIntoFolds(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("splitting needs at least 2 folds, got " + k);
        }
        List<Pair> same = new ArrayList<>();
        List<Pair> different = new ArrayList<>();
        for (Pair pair : pairs) {
            (pair.samePerson() ? same : different).add(pair);
        }
        if (same.size() < k || different.size() < k) {
            throw new IllegalArgumentException(
                    source
                            + " has too few pairs ("
                            + same.size()
                            + " same, "
                            + different.size()
                            + " different) for "
                            + k
                            + " folds");
        }
        List<Pair> split = new ArrayList<>(pairs.size());
        for (int fold = 0; fold < k; fold++) {
            addFold(split, same, fold, k);
            addFold(split, different, fold, k);
        }
        int perClass = same.size() / k;
        return new PairFile(source, k, perClass, split);
    }

    /** Every distinct image the pairs name, in order of first appearance. */
    public List<Path> distinctImages(Path imagesRoot) {
        Set<Path> images = new LinkedHashSet<>();
        for (Pair pair : pairs) {
            images.add(pair.firstImage(imagesRoot));
            images.add(pair.secondImage(imagesRoot));
        }
        return List.copyOf(images);
    }

    /** The pairs of one fold, in file order. */
    public List<Pair> fold(int fold) {
        return pairs.stream().filter(pair -> pair.fold() == fold).toList();
    }

    /**
     * Writes pairs in the LFW format: a single-number header for one fold, {@code folds perClass}
     * otherwise. The pairs must already be ordered fold by fold, same-person pairs first.
     */
    public static void write(Path file, int folds, int pairsPerClass, List<Pair> pairs)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(folds == 1 ? "" + pairsPerClass : folds + "\t" + pairsPerClass).append('\n');
        for (Pair pair : pairs) {
            text.append(pair.toLine()).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void addFold(List<Pair> into, List<Pair> ofClass, int fold, int k) {
        int size = ofClass.size();
        for (int n = 0; n < size; n++) {
            if ((int) ((long) n * k / size) == fold) {
                into.add(ofClass.get(n).inFold(fold));
            }
        }
    }

    private static Pair parsePair(Path file, int lineNumber, String line, int fold) {
        String[] fields = line.split("\\s+");
        if (fields.length == 3) {
            return new Pair(
                    fields[0],
                    parseCount(file, lineNumber, fields[1]),
                    fields[0],
                    parseCount(file, lineNumber, fields[2]),
                    fold);
        }
        if (fields.length == 4) {
            return new Pair(
                    fields[0],
                    parseCount(file, lineNumber, fields[1]),
                    fields[2],
                    parseCount(file, lineNumber, fields[3]),
                    fold);
        }
        throw new IllegalArgumentException(
                file
                        + " line "
                        + lineNumber
                        + ": expected 'name i j' or 'name1 i name2 j', found '"
                        + line
                        + "'");
    }

    private static int parseCount(Path file, int lineNumber, String field) {
        try {
            int value = Integer.parseInt(field);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file
                            + " line "
                            + lineNumber
                            + ": expected a positive whole number, found '"
                            + field
                            + "'");
        }
    }
}
