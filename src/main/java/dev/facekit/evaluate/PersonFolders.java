package dev.facekit.evaluate;

import dev.facekit.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dataset laid out as one folder per person, each holding that person's images, like LFW's {@code
 * images_deepfunneled/Name/Name_0001.jpg} or ORL's {@code s1/1.png}.
 *
 * <p>A pair file names image {@code i} of a person. In the LFW layout that is the file {@code
 * Name/Name_%04d.jpg}; in any other layout it is the {@code i}-th image file of the person's folder
 * in natural file-name order, which is how {@link PairGenerator} numbers them. Both agree on LFW,
 * whose images are numbered from 0001 without gaps.
 */
public final class PersonFolders {

    private final Path root;

    private final Map<String, List<Path>> imagesByPerson = new HashMap<>();

    /**
     * @param root the folder that holds one sub-folder per person
     */
    public PersonFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    root
                            + " is not a folder; give the folder that holds one sub-folder per"
                            + " person");
        }
        this.root = root;
    }

    /** The folder that holds the person folders. */
    public Path root() {
        return root;
    }

    /** The names of all person folders, in natural order. */
    public List<String> people() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted(NATURAL)
                    .toList();
        }
    }

    /**
     * Reads a list of people: the first word of each line. Lines holding only a number (the counts
     * in LFW's {@code people.txt}) are skipped unless a person folder has that name.
     */
    public List<String> readPeople(Path list) throws IOException {
        Set<String> people = new LinkedHashSet<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            boolean count = words.length == 1 && words[0].chars().allMatch(Character::isDigit);
            if (count && !Files.isDirectory(root.resolve(words[0]))) {
                continue;
            }
            people.add(words[0]);
        }
        if (people.isEmpty()) {
            throw new IllegalArgumentException(list + " names no people; write one name a line");
        }
        return List.copyOf(people);
    }

    /**
     * A person's image files in natural file-name order ({@code 2.png} before {@code 10.png});
     * empty when the person has no folder.
     */
    public List<Path> images(String person) {
        return imagesByPerson.computeIfAbsent(person, this::listImages);
    }

    /**
     * Image {@code index} (1-based) of {@code person}: the LFW file name when it exists, otherwise
     * the {@code index}-th image of the folder in natural file-name order.
     *
     * @throws IllegalArgumentException when the person has no such image
     */
    public Path image(String person, int index) {
        Path lfwName = Pair.lfwImage(root, person, index);
        if (Files.isRegularFile(lfwName)) {
            return lfwName;
        }
        List<Path> images = images(person);
        if (index > images.size()) {
            throw new IllegalArgumentException(
                    "image "
                            + index
                            + " of "
                            + person
                            + " does not exist: "
                            + root.resolve(person)
                            + " holds "
                            + images.size()
                            + " image(s); is --images the folder the pair file was made for?");
        }
        return images.get(index - 1);
    }

    /** Both images of a pair. */
    public List<Path> images(Pair pair) {
        return List.of(
                image(pair.firstName(), pair.firstIndex()),
                image(pair.secondName(), pair.secondIndex()));
    }

    private List<Path> listImages(String person) {
        Path folder = root.resolve(person);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(ImageFiles::hasImageExtension)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString(), NATURAL))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * File-name order with runs of digits compared as numbers, so that {@code 2.png} comes before
     * {@code 10.png}; zero-padded names such as LFW's sort the same either way.
     */
    static final Comparator<String> NATURAL =
            (a, b) -> {
                int i = 0;
                int j = 0;
                while (i < a.length() && j < b.length()) {
                    char ca = a.charAt(i);
                    char cb = b.charAt(j);
                    if (Character.isDigit(ca) && Character.isDigit(cb)) {
                        int endA = digitsEnd(a, i);
                        int endB = digitsEnd(b, j);
                        int byValue =
                                new BigInteger(a.substring(i, endA))
                                        .compareTo(new BigInteger(b.substring(j, endB)));
                        if (byValue != 0) {
                            return byValue;
                        }
                        i = endA;
                        j = endB;
                    } else {
                        if (ca != cb) {
                            return Character.compare(ca, cb);
                        }
                        i++;
                        j++;
                    }
                }
                int byLength = Integer.compare(a.length() - i, b.length() - j);
                return byLength != 0 ? byLength : a.compareTo(b);
            };

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
