package dev.facekit.crop;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.facekit.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a folder of crops was made, kept beside the crops as {@value #FILE_NAME} so that a resumed
 * run cannot mix two framings in one folder and a model trained on the crops knows how to cut the
 * same chips from new photos.
 *
 * @param detector the detector's name, e.g. {@code blazeface} or {@code haar:frontalface_default}
 * @param framing {@code box} for a detector box, or the name of the landmark alignment template
 * @param sizePx the side of the square crops
 * @param margin room added around box crops, as a share of the box
 * @param levelEyes whether box crops were turned to level the eyes
 */
public record CropSettings(
        String detector, String framing, int sizePx, double margin, boolean levelEyes) {

    /** The file written beside the person folders. */
    public static final String FILE_NAME = "facekit-crops.json";

    /** The framing name of crops cut from the detector's box. */
    public static final String BOX = "box";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Reads the settings of a crop folder; empty when it has none (not made by facekit). */
    public static Optional<CropSettings> read(Path cropFolder) throws IOException {
        Path file = cropFolder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    GSON.fromJson(
                            Files.readString(file, StandardCharsets.UTF_8), CropSettings.class));
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a facekit crop settings file: " + e.getMessage());
        }
    }

    /**
     * Records these settings in a crop folder, refusing to when the folder already holds crops made
     * otherwise, unless they are all to be redone.
     *
     * @throws IllegalArgumentException if the folder was cropped with other settings and {@code
     *     overwrite} is false
     */
    public void recordIn(Path cropFolder, boolean overwrite) throws IOException {
        Optional<CropSettings> earlier = read(cropFolder);
        if (earlier.isPresent() && !earlier.get().equals(this) && !overwrite) {
            throw new IllegalArgumentException(
                    cropFolder
                            + " holds crops made with other settings ("
                            + earlier.get()
                            + "); crop into another folder, or add --overwrite to redo them all"
                            + " with "
                            + this);
        }
        byte[] json = GSON.toJson(this).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(cropFolder.resolve(FILE_NAME), out -> out.write(json));
    }
}
