package dev.facekit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** How a model named on the command line is recorded, so it can be found again later. */
final class ModelSpecs {

    private ModelSpecs() {}

    /**
     * A built-in name as given; a model folder or file as its absolute path, which still names it
     * when the tool runs from another folder.
     */
    static String recordable(String spec) {
        Path path = Path.of(spec);
        return Files.exists(path) ? path.toAbsolutePath().normalize().toString() : spec;
    }
}
