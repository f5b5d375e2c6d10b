package dev.facekit.evaluate;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One line of an LFW-format pair file: two images, either of the same person ({@code name i j}) or
 * of two different people ({@code name1 i name2 j}).
 *
 * @param firstName the first person's folder name, such as {@code Abel_Pacheco}
 * @param firstIndex the first image's 1-based number within that person's images
 * @param secondName the second person's folder name; equal to {@code firstName} for a same-person
 *     pair
 * @param secondIndex the second image's 1-based number
 * @param fold the 0-based fold the pair belongs to; 0 in a single-set (View 1) file
 */
public record Pair(String firstName, int firstIndex, String secondName, int secondIndex, int fold) {

    public Pair {
        if (firstIndex < 1 || secondIndex < 1) {
            throw new IllegalArgumentException(
                    "image numbers in a pair start at 1, got "
                            + firstIndex
                            + " and "
                            + secondIndex);
        }
        if (fold < 0) {
            throw new IllegalArgumentException("fold must be 0 or more, got " + fold);
        }
    }

    /** Whether both images show the same person. */
    public boolean samePerson() {
        return firstName.equals(secondName);
    }

    /** The first image under an LFW-style images root: {@code name/name_%04d.jpg}. */
    public Path firstImage(Path imagesRoot) {
        return lfwImage(imagesRoot, firstName, firstIndex);
    }

    /** The second image under an LFW-style images root: {@code name/name_%04d.jpg}. */
    public Path secondImage(Path imagesRoot) {
        return lfwImage(imagesRoot, secondName, secondIndex);
    }

    /** The same pair placed in another fold. */
    public Pair inFold(int newFold) {
        return new Pair(firstName, firstIndex, secondName, secondIndex, newFold);
    }

    /** The pair as a line of a pair file, fields separated by tabs as in the LFW files. */
    public String toLine() {
        return samePerson()
                ? firstName + "\t" + firstIndex + "\t" + secondIndex
                : firstName + "\t" + firstIndex + "\t" + secondName + "\t" + secondIndex;
    }

    /** Image {@code index} of {@code name} in the LFW layout: {@code name/name_%04d.jpg}. */
    public static Path lfwImage(Path imagesRoot, String name, int index) {
        return imagesRoot
                .resolve(name)
                .resolve(String.format(Locale.ROOT, "%s_%04d.jpg", name, index));
    }
}
