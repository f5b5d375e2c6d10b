package dev.facekit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Turns command-line arguments (files and folders) into a list of image files. */
public final class ImageFiles {

    /** Extensions taken when a folder is searched; a file named explicitly is always tried. */
    public static final Set<String> EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "pgm", "ppm", "pnm");

    private ImageFiles() {}

    /**
     * Files are kept as given; folders are searched recursively for files with an image extension,
     * in name order, hidden files left out.
     *
     * @throws IllegalArgumentException if an argument does not exist or a folder holds no image
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                int before = images.size();
                try (Stream<Path> files = Files.walk(input)) {
                    files.filter(Files::isRegularFile)
                            .filter(ImageFiles::hasImageExtension)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(images::add);
                }
                if (images.size() == before) {
                    throw new IllegalArgumentException("No image files found in " + input);
                }
            } else if (Files.exists(input)) {
                images.add(input);
            } else {
                throw new IllegalArgumentException("No such file or folder: " + input);
            }
        }
        return images;
    }

    /** Whether the file name ends in one of {@link #EXTENSIONS}. */
    public static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
