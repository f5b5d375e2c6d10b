package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFileTest {

    @TempDir Path temp;

    @Test
    void readsTheTenFoldBenchmark() throws IOException {
        Path lfw = TestDatasets.lfw();
        PairFile pairs = PairFile.read(lfw.resolve("pairs.txt"));

        assertEquals(10, pairs.folds());
        assertEquals(300, pairs.pairsPerClass());
        assertEquals(6000, pairs.pairs().size());
        List<Set<String>> peoplePerFold = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            List<Pair> fold = pairs.fold(k);
            assertEquals(600, fold.size(), "pairs in fold " + k);
            assertEquals(300, fold.stream().filter(Pair::samePerson).count(), "same in fold " + k);
            Set<String> people = new HashSet<>();
            fold.forEach(pair -> people.addAll(List.of(pair.firstName(), pair.secondName())));
            peoplePerFold.add(people);
        }
        // Each fold draws on its own set of people.
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                Set<String> shared = new HashSet<>(peoplePerFold.get(a));
                shared.retainAll(peoplePerFold.get(b));
                assertTrue(shared.isEmpty(), "folds " + a + " and " + b + " share " + shared);
            }
        }

        Pair first = pairs.pairs().get(0);
        assertEquals(new Pair("Abel_Pacheco", 1, "Abel_Pacheco", 4, 0), first);
        Path images = lfw.resolve("images_deepfunneled");
        assertEquals(
                images.resolve("Abel_Pacheco/Abel_Pacheco_0004.jpg"), first.secondImage(images));
        assertAllExist(pairs.distinctImages(images), 7701);
    }

    @Test
    void readsViewOne() throws IOException {
        Path lfw = TestDatasets.lfw();
        Path images = lfw.resolve("images_deepfunneled");

        PairFile train = PairFile.read(lfw.resolve("pairsDevTrain.txt"));
        assertEquals(1, train.folds());
        assertEquals(1100, train.pairsPerClass());
        assertEquals(2200, train.pairs().size());
        assertEquals(1100, train.pairs().stream().filter(Pair::samePerson).count());
        assertAllExist(train.distinctImages(images), 3443);

        PairFile test = PairFile.read(lfw.resolve("pairsDevTest.txt"));
        assertEquals(1, test.folds());
        assertEquals(1000, test.pairs().size());
        assertTrue(test.pairs().stream().allMatch(pair -> pair.fold() == 0));
        assertAllExist(test.distinctImages(images), 1549);

        PairFile split = test.splitIntoFolds(10);
        assertEquals(10, split.folds());
        assertEquals(50, split.pairsPerClass());
        for (int k = 0; k < 10; k++) {
            assertEquals(100, split.fold(k).size());
            assertEquals(50, split.fold(k).stream().filter(Pair::samePerson).count());
        }
        assertEquals(
                Set.copyOf(test.pairs().stream().map(Pair::toLine).toList()),
                Set.copyOf(split.pairs().stream().map(Pair::toLine).toList()));
    }

    @Test
    void writesWhatItReads() throws IOException {
        List<Pair> pairs =
                List.of(
                        new Pair("Ann", 1, "Ann", 2, 0),
                        new Pair("Ann", 1, "Bob", 3, 0),
                        new Pair("Cy", 2, "Cy", 5, 1),
                        new Pair("Cy", 1, "Dee", 1, 1));
        Path file = temp.resolve("pairs.txt");
        PairFile.write(file, 2, 1, pairs);

        assertEquals(
                "2\t1\nAnn\t1\t2\nAnn\t1\tBob\t3\nCy\t2\t5\nCy\t1\tDee\t1\n",
                Files.readString(file));
        PairFile read = PairFile.read(file);
        assertEquals(pairs, read.pairs());
        assertFalse(read.pairs().get(1).samePerson());
    }

    @Test
    void acceptsASingleSetWithSpaces() throws IOException {
        Path file = temp.resolve("view1.txt");
        Files.writeString(file, "1\nAnn 1 2\nAnn 1 Bob 3\n\n");
        PairFile read = PairFile.read(file);
        assertEquals(1, read.folds());
        assertEquals(
                List.of(new Pair("Ann", 1, "Ann", 2, 0), new Pair("Ann", 1, "Bob", 3, 0)),
                read.pairs());
    }

    @Test
    void namesTheFileAndLineOfAFault() throws IOException {
        Path wrongCount = temp.resolve("short.txt");
        Files.writeString(wrongCount, "2\nAnn\t1\t2\nAnn\t1\tBob\t3\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PairFile.read(wrongCount));
        assertTrue(e.getMessage().contains("short.txt"), e.getMessage());

        Path badIndex = temp.resolve("bad.txt");
        Files.writeString(badIndex, "1\nAnn\t1\tx\nAnn\t1\tBob\t3\n");
        e = assertThrows(IllegalArgumentException.class, () -> PairFile.read(badIndex));
        assertTrue(e.getMessage().contains("bad.txt line 2"), e.getMessage());

        Path swapped = temp.resolve("swapped.txt");
        Files.writeString(swapped, "1\nAnn\t1\tBob\t3\nAnn\t1\t2\n");
        e = assertThrows(IllegalArgumentException.class, () -> PairFile.read(swapped));
        assertTrue(e.getMessage().contains("same-person"), e.getMessage());
    }

    private static void assertAllExist(List<Path> images, int expectedCount) {
        assertEquals(expectedCount, images.size());
        List<Path> missing = images.stream().filter(path -> !Files.isRegularFile(path)).toList();
        assertTrue(missing.isEmpty(), "missing images: " + missing);
    }
}
