package dev.facekit.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of people to train on, one folder name per line, such as LFW's {@code peopleDevTrain.txt}:
 * an optional first line holding only a count, then {@code name} or {@code name<TAB>image count}
 * lines. Blank lines are ignored.
 */
public final class PeopleList {

    private PeopleList() {}

    /**
     * Reads the names.
     *
     * @throws IllegalArgumentException when the file names nobody
     */
    public static Set<String> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> people = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (people.isEmpty() && line.matches("\\d+"))) {
                continue;
            }
            people.add(line.split("\\s+")[0]);
        }
        if (people.isEmpty()) {
            throw new IllegalArgumentException(file + " names no people; give one name per line");
        }
        return people;
    }
}
