package dev.facekit.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws LFW-format pairs for any dataset laid out as one folder per person, so that a model can be
 * measured on people of one's own choosing, kept apart from its training people.
 *
 * <p>As in LFW, the people are dealt into folds and each fold's pairs use only its own people, so a
 * threshold chosen on the other folds has never seen them. People with two or more images are dealt
 * first, so that every fold can form same-person pairs. Within a fold, a same-person pair is drawn
 * by picking a person uniformly, then two of their images; a different-person pair by picking two
 * people uniformly, then one image of each. Picking people rather than images keeps a person with
 * hundreds of images from filling a fold. No pair is drawn twice.
 *
 * <p>Image {@code i} of a person is the {@code i}-th image file of their folder in natural
 * file-name order (see {@link PersonFolders}).
 */
public final class PairGenerator {

    /** Folds, as in LFW's {@code pairs.txt}. */
    public static final int DEFAULT_FOLDS = 10;

    /** Pairs of each kind per fold, as in LFW's {@code pairs.txt}. */
    public static final int DEFAULT_PAIRS_PER_FOLD = 300;

    private final PersonFolders data;
    private List<String> people;
    private int folds = DEFAULT_FOLDS;
    private int pairsPerFold = DEFAULT_PAIRS_PER_FOLD;
    private long seed = 1;

    /**
     * @param data the dataset to draw from
     */
    public PairGenerator(PersonFolders data) {
        this.data = data;
    }

    /** The people to draw from; default every person folder with an image. */
    public PairGenerator optPeople(List<String> people) {
        this.people = List.copyOf(people);
        return this;
    }

    /** The number of folds; default {@value #DEFAULT_FOLDS}. */
    public PairGenerator optFolds(int folds) {
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be 1 or more, got " + folds);
        }
        this.folds = folds;
        return this;
    }

    /** Same-person pairs per fold, equal to the different-person ones; default 300. */
    public PairGenerator optPairsPerFold(int pairsPerFold) {
        if (pairsPerFold < 1) {
            throw new IllegalArgumentException(
                    "pairs per fold must be 1 or more, got " + pairsPerFold);
        }
        this.pairsPerFold = pairsPerFold;
        return this;
    }

    /** The random seed; default 1. The same seed, data and settings give the same pairs. */
    public PairGenerator optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Draws the pairs.
     *
     * @param target the file the pairs are meant for, recorded as their source; nothing is written
     * @throws IllegalArgumentException when a listed person has no images, or a fold's people
     *     cannot form enough distinct pairs; the message says how many they can form
     */
    public PairFile generate(Path target) throws IOException {
        Random random = new Random(seed);
        List<List<String>> peoplePerFold = dealIntoFolds(chosenPeople(), random);

        List<Pair> pairs = new ArrayList<>(folds * 2 * pairsPerFold);
        for (int fold = 0; fold < folds; fold++) {
            List<String> foldPeople = peoplePerFold.get(fold);
            pairs.addAll(sorted(samePersonPairs(foldPeople, fold, random)));
            pairs.addAll(sorted(differentPersonPairs(foldPeople, fold, random)));
        }
        return new PairFile(target, folds, pairsPerFold, pairs);
    }

    private List<String> chosenPeople() throws IOException {
        if (people == null) {
            return data.people().stream().filter(p -> !data.images(p).isEmpty()).toList();
        }
        for (String person : people) {
            if (data.images(person).isEmpty()) {
                throw new IllegalArgumentException(
                        "the listed person "
                                + person
                                + " has no images in "
                                + data.root().resolve(person));
            }
        }
        return people;
    }

    private List<List<String>> dealIntoFolds(List<String> chosen, Random random) {
        List<String> several = new ArrayList<>();
        List<String> single = new ArrayList<>();
        for (String person : chosen.stream().sorted().toList()) {
            (data.images(person).size() >= 2 ? several : single).add(person);
        }
        Collections.shuffle(several, random);
        Collections.shuffle(single, random);

        List<List<String>> perFold = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            perFold.add(new ArrayList<>());
        }
        int next = 0;
        for (String person : several) {
            perFold.get(next++ % folds).add(person);
        }
        for (String person : single) {
            perFold.get(next++ % folds).add(person);
        }
        return perFold;
    }

    private List<Pair> samePersonPairs(List<String> foldPeople, int fold, Random random) {
        List<String> several = foldPeople.stream().filter(p -> data.images(p).size() >= 2).toList();
        long possible = 0;
        for (String person : several) {
            long n = data.images(person).size();
            possible += n * (n - 1) / 2;
        }
        requireEnough(possible, "same-person", fold, foldPeople.size());

        Set<Pair> drawn = new HashSet<>();
        if (possible <= 4L * pairsPerFold) {
            List<Pair> all = new ArrayList<>();
            for (String person : several) {
                int n = data.images(person).size();
                for (int i = 1; i <= n; i++) {
                    for (int j = i + 1; j <= n; j++) {
                        all.add(new Pair(person, i, person, j, fold));
                    }
                }
            }
            Collections.shuffle(all, random);
            return all.subList(0, pairsPerFold);
        }
        while (drawn.size() < pairsPerFold) {
            String person = several.get(random.nextInt(several.size()));
            int n = data.images(person).size();
            int i = 1 + random.nextInt(n);
            int j = 1 + random.nextInt(n - 1);
            if (j >= i) {
                j++;
            }
            drawn.add(new Pair(person, Math.min(i, j), person, Math.max(i, j), fold));
        }
        return new ArrayList<>(drawn);
    }

    private List<Pair> differentPersonPairs(List<String> foldPeople, int fold, Random random) {
        long possible = 0;
        long imagesSoFar = 0;
        for (String person : foldPeople) {
            long n = data.images(person).size();
            possible += imagesSoFar * n;
            imagesSoFar += n;
        }
        requireEnough(possible, "different-person", fold, foldPeople.size());

        if (possible <= 4L * pairsPerFold) {
            List<Pair> all = new ArrayList<>();
            for (int a = 0; a < foldPeople.size(); a++) {
                for (int b = a + 1; b < foldPeople.size(); b++) {
                    for (int i = 1; i <= data.images(foldPeople.get(a)).size(); i++) {
                        for (int j = 1; j <= data.images(foldPeople.get(b)).size(); j++) {
                            all.add(ordered(foldPeople.get(a), i, foldPeople.get(b), j, fold));
                        }
                    }
                }
            }
            Collections.shuffle(all, random);
            return all.subList(0, pairsPerFold);
        }
        Set<Pair> drawn = new HashSet<>();
        while (drawn.size() < pairsPerFold) {
            int a = random.nextInt(foldPeople.size());
            int b = random.nextInt(foldPeople.size() - 1);
            if (b >= a) {
                b++;
            }
            String first = foldPeople.get(a);
            String second = foldPeople.get(b);
            int i = 1 + random.nextInt(data.images(first).size());
            int j = 1 + random.nextInt(data.images(second).size());
            drawn.add(ordered(first, i, second, j, fold));
        }
        return new ArrayList<>(drawn);
    }

    private void requireEnough(long possible, String kind, int fold, int foldPeople) {
        if (possible < pairsPerFold) {
            throw new IllegalArgumentException(
                    "fold "
                            + (fold + 1)
                            + " of "
                            + folds
                            + " has "
                            + foldPeople
                            + " people, who form only "
                            + possible
                            + " distinct "
                            + kind
                            + " pairs, fewer than the "
                            + pairsPerFold
                            + " asked for; ask for fewer pairs per fold or fewer folds, or give"
                            + " more people");
        }
    }

    /** A different-person pair with the names in alphabetical order, as LFW writes them. */
    private static Pair ordered(String a, int i, String b, int j, int fold) {
        return a.compareTo(b) <= 0 ? new Pair(a, i, b, j, fold) : new Pair(b, j, a, i, fold);
    }

    private static List<Pair> sorted(List<Pair> pairs) {
        List<Pair> copy = new ArrayList<>(pairs);
        copy.sort(
                Comparator.comparing(Pair::firstName)
                        .thenComparingInt(Pair::firstIndex)
                        .thenComparing(Pair::secondName)
                        .thenComparingInt(Pair::secondIndex));
        return copy;
    }
}
