package dev.facekit.embed;

import dev.facekit.embed.dlib.DlibResNetEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens an embedding model from what a user types after {@code --model}: the name of a built-in
 * pretrained model or the directory of a model facekit trained.
 */
public final class EmbeddingModels {

    /** The names of the built-in models, as listed to users; {@code dlib} is an alias. */
    public static final List<String> BUILT_IN = List.of(DlibResNetEmbedder.NAME);

    private EmbeddingModels() {}

    /**
     * Opens the model that {@code spec} names.
     *
     * @param spec {@code dlib-resnet} (or {@code dlib}) for dlib's pretrained ResNet, whose weights
     *     are downloaded once into the facekit cache, or the folder of a model {@code facekit
     *     train} saved
     * @throws IllegalArgumentException if {@code spec} names no model; the message lists the
     *     built-in names
     * @throws IOException if the model's files cannot be had or read
     */
    public static FaceEmbedder open(String spec) throws IOException {
        switch (spec.trim().toLowerCase(Locale.ROOT)) {
            case "dlib-resnet", "dlib":
                return DlibResNetEmbedder.open();
            default:
                break;
        }
        Path folder = Path.of(spec);
        if (Files.isDirectory(folder)) {
            return TrainedModel.load(folder);
        }
        throw new IllegalArgumentException(
                "Unknown model '"
                        + spec
                        + "': give a built-in model ("
                        + String.join(", ", BUILT_IN)
                        + ", also called dlib) or the directory of a trained model");
    }
}
