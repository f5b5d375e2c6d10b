package dev.facekit.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

class PairGeneratorTest {

    @TempDir Path temp;

    @Test
    void foldsKeepTheirPeopleApartAndPairsAreDistinct() throws IOException {
        PersonFolders data = new PersonFolders(TestDatasets.orl());
        PairFile pairs =
                new PairGenerator(data)
                        .optFolds(4)
                        .optPairsPerFold(30)
                        .optSeed(7)
                        .generate(temp.resolve("orl-pairs.txt"));

        assertEquals(4, pairs.folds());
        assertEquals(4 * 60, pairs.pairs().size());
        assertEquals(pairs.pairs().size(), new HashSet<>(pairs.pairs()).size());
        List<Set<String>> people = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            List<Pair> fold = pairs.fold(k);
            assertEquals(30, fold.stream().filter(Pair::samePerson).count());
            Set<String> names = new HashSet<>();
            for (Pair pair : fold) {
                names.add(pair.firstName());
                names.add(pair.secondName());
                // Every image named exists; ORL has 10 per person.
                assertTrue(pair.firstIndex() <= 10 && pair.secondIndex() <= 10, pair.toLine());
                data.images(pair).forEach(image -> assertTrue(Files.isRegularFile(image)));
                if (pair.samePerson()) {
                    assertTrue(pair.firstIndex() < pair.secondIndex(), pair.toLine());
                }
            }
            // 40 people dealt into 4 folds.
            assertEquals(10, names.size());
            people.add(names);
        }
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                Set<String> shared = new HashSet<>(people.get(a));
                shared.retainAll(people.get(b));
                assertTrue(shared.isEmpty(), "folds " + a + " and " + b + " share " + shared);
            }
        }
    }

    @Test
    void sameSeedSamePairsAndTheFileReadsBack() throws IOException {
        PersonFolders data = new PersonFolders(TestDatasets.orl());
        Path file = temp.resolve("pairs.txt");
        PairFile first = new PairGenerator(data).optFolds(2).optPairsPerFold(20).generate(file);
        PairFile again = new PairGenerator(data).optFolds(2).optPairsPerFold(20).generate(file);
        PairFile other =
                new PairGenerator(data).optFolds(2).optPairsPerFold(20).optSeed(2).generate(file);
        assertEquals(first.pairs(), again.pairs());
        assertNotEquals(first.pairs(), other.pairs());

        PairFile.write(file, first.folds(), first.pairsPerClass(), first.pairs());
        assertEquals(first.pairs(), PairFile.read(file).pairs());
    }

    @Test
    void usesOnlyTheListedPeopleAndSaysWhenTheyAreTooFew() throws IOException {
        PersonFolders data = new PersonFolders(TestDatasets.orl());
        Path list = Files.writeString(temp.resolve("people.txt"), "3\ns1\t10\ns2\t10\ns3\t10\n");
        List<String> people = data.readPeople(list);
        assertEquals(List.of("s1", "s2", "s3"), people);

        // 3 people x 10 images: 135 same-person pairs and 300 different-person pairs at most.
        PairFile pairs =
                new PairGenerator(data)
                        .optPeople(people)
                        .optFolds(1)
                        .optPairsPerFold(135)
                        .generate(temp.resolve("p.txt"));
        assertEquals(270, pairs.pairs().size());
        pairs.pairs().forEach(pair -> assertTrue(people.contains(pair.firstName())));

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new PairGenerator(data)
                                        .optPeople(people)
                                        .optFolds(1)
                                        .optPairsPerFold(136)
                                        .generate(temp.resolve("p.txt")));
        assertTrue(e.getMessage().contains("only 135 distinct same-person pairs"), e.getMessage());
    }

    @Test
    void naturalOrderNumbersImagesAsPeopleWould() throws IOException {
        PersonFolders data = new PersonFolders(TestDatasets.orl());
        assertEquals("2.png", data.image("s1", 2).getFileName().toString());
        assertEquals("10.png", data.image("s1", 10).getFileName().toString());
        assertTrue(PersonFolders.NATURAL.compare("img9.jpg", "img10.jpg") < 0);
        assertTrue(PersonFolders.NATURAL.compare("a_0009.jpg", "a_0010.jpg") < 0);
        assertTrue(PersonFolders.NATURAL.compare("b.jpg", "a.jpg") > 0);
    }
}
