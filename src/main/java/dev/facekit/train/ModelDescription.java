package dev.facekit.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.facekit.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@value #FILE_NAME} of a saved model folder: what a program needs to use the weights
 * correctly (architecture, input size, preprocessing, framing, threshold) and what a person needs
 * to trust them (training settings, training data fingerprint, validation metrics, history).
 *
 * @param format always {@value #FORMAT}; anything else is not a facekit model
 * @param formatVersion version of this file's layout, {@value #FORMAT_VERSION}
 * @param name a readable model name (the folder name at training time)
 * @param architecture the network's name, such as {@value EmbeddingNetwork#ARCHITECTURE}
 * @param architectureVersion the network layout's version; weights only load into the same one
 * @param inputSizePx the square input side in pixels
 * @param embeddingSize the embedding length
 * @param framing how chips are framed: {@code box}, or the fixed crop taken from whole frames
 * @param preprocessing how a chip becomes the network's input
 * @param weightsFile the weights' file name inside the folder
 * @param weightsSha256 SHA-256 of the weights file: the model's fingerprint
 * @param thresholdL2 Euclidean "same person" threshold calibrated on the validation pairs
 * @param settings the training settings
 * @param trainingDataFingerprint SHA-256 over the training images' names and contents
 * @param trainingImages number of training images
 * @param trainingPeople number of training people
 * @param validationSource the validation pair file's name, or {@code held-out people}
 * @param validationPairs number of validation pairs
 * @param bestEpoch the epoch whose weights were kept
 * @param validation the kept epoch's validation metrics
 * @param history every epoch's report, in order
 * @param created when the weights were saved (ISO-8601, UTC)
 */
public record ModelDescription(
        String format,
        int formatVersion,
        String name,
        String architecture,
        int architectureVersion,
        int inputSizePx,
        int embeddingSize,
        String framing,
        Preprocessing preprocessing,
        String weightsFile,
        String weightsSha256,
        double thresholdL2,
        TrainingSettings settings,
        String trainingDataFingerprint,
        int trainingImages,
        int trainingPeople,
        String validationSource,
        int validationPairs,
        int bestEpoch,
        ValidationResult validation,
        List<EpochReport> history,
        String created) {

    /** The file name inside a model folder. */
    public static final String FILE_NAME = "model.json";

    /** The weights' file name inside a model folder. */
    public static final String WEIGHTS_FILE = "weights.params";

    /** The value of {@link #format()} in every facekit model. */
    public static final String FORMAT = "facekit-embedding-model";

    /** The layout version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /**
     * How pixels become the network input, spelled out for readers and other tools.
     *
     * @param crop the fixed crop cut from whole frames, or {@code null}
     * @param resize the resize rule
     * @param channels channel order of the input planes
     * @param scale the mapping from 8-bit values to network input
     */
    public record Preprocessing(FixedCrop crop, String resize, String channels, String scale) {

        /** The description of {@link ChipPreprocessing}. */
        public static Preprocessing of(ChipPreprocessing p) {
            return new Preprocessing(
                    p.crop(),
                    "to " + p.inputSizePx() + "px square: area when shrinking, bilinear otherwise",
                    "RGB planes",
                    "(v / 255 - 0.5) / 0.5");
        }
    }

    /** Reads a model description; JSON errors become an {@link IllegalArgumentException}. */
    public static ModelDescription read(Path file) throws IOException {
        try {
            ModelDescription d =
                    GSON.fromJson(
                            Files.readString(file, StandardCharsets.UTF_8), ModelDescription.class);
            if (d == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            return d;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    file
                            + " is not valid JSON ("
                            + e.getMessage()
                            + "); the model folder is corrupt",
                    e);
        }
    }

    /** Writes the description atomically. */
    public void write(Path file) throws IOException {
        byte[] json = GSON.toJson(this).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(json));
    }

    /** The shared JSON settings, for other training files. */
    static Gson gson() {
        return GSON;
    }
}
