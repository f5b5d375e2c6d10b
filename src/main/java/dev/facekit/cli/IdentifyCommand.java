package dev.facekit.cli;

import dev.facekit.embed.EmbeddedFace;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.gallery.Gallery;
import dev.facekit.gallery.GalleryFile;
import dev.facekit.gallery.PersonMatch;
import dev.facekit.image.ImageFiles;
import dev.facekit.image.UnreadableImageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facekit identify}: who is in each image, by the face database. */
@Command(
        name = "identify",
        mixinStandardHelpOptions = true,
        description = {
            "Finds every face in each image and prints, per face, a CSV row path,person (with"
                    + " --show-distance: path,person,distance), as face_recognition's tool does:",
            "unknown_person when nobody is within the threshold, no_persons_found for an image"
                    + " without a face. With --top-k K, up to K people within the threshold are"
                    + " printed per face, nearest first."
        })
final class IdentifyCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(IdentifyCommand.class);

    @Parameters(
            arity = "1..*",
            paramLabel = "IMAGE_OR_DIR",
            description = "Image files, or folders searched recursively for images.")
    List<Path> inputs;

    @Option(
            names = "--db",
            required = true,
            paramLabel = "FILE",
            description = "The face database (.npz).")
    Path database;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description =
                    "The model that made the database, when it is no longer where the database"
                            + " says (a built-in name or a model folder). Default: the database's.")
    String modelSpec;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            description = "People printed per face at most. Default: ${DEFAULT-VALUE}.")
    int topK = 1;

    @Option(
            names = {"--threshold", "--tolerance"},
            paramLabel = "T",
            description =
                    "Largest distance that still counts as a match, in the database's metric."
                            + " Default: the database's (the model's calibrated threshold).")
    Double threshold;

    @Option(names = "--show-distance", description = "Add the distance to each row.")
    boolean showDistance;

    @Option(
            names = "--chips",
            description =
                    "The images are face chips already, cut as the model expects: one face each,"
                            + " embedded whole without detection.")
    boolean chips;

    @Mixin FacePipelineOptions pipeline;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Gallery gallery = GalleryFile.read(database);
        List<Path> images = ImageFiles.expand(inputs);
        double limit = threshold != null ? threshold : gallery.threshold();
        PrintWriter out = spec.commandLine().getOut();
        int unreadable = 0;
        try (PhotoEmbedder embedder = pipeline.photoEmbedder(openModel(gallery), chips)) {
            gallery.requireModel(embedder.model());
            if (chips) {
                float[][] embeddings = embedder.embedChipFiles(images, path -> {});
                for (int i = 0; i < images.size(); i++) {
                    if (embeddings[i] == null) {
                        unreadable++;
                        continue;
                    }
                    printMatches(out, images.get(i), new float[][] {embeddings[i]}, gallery, limit);
                }
                out.flush();
                return unreadable == images.size() ? 1 : 0;
            }
            for (Path image : images) {
                try {
                    List<EmbeddedFace> faces = embedder.embedAll(image);
                    print(out, image, faces, gallery, limit);
                } catch (UnreadableImageException e) {
                    LOG.warn("{}", e.getMessage());
                    unreadable++;
                }
            }
        }
        out.flush();
        return unreadable == images.size() ? 1 : 0;
    }

    private FaceEmbedder openModel(Gallery gallery) throws IOException {
        String spec = modelSpec != null ? modelSpec : gallery.modelSpec();
        try {
            return EmbeddingModels.open(spec);
        } catch (IOException | IllegalArgumentException e) {
            if (modelSpec != null) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "the database's model '"
                            + spec
                            + "' cannot be opened ("
                            + e.getMessage()
                            + "); give its new location with --model",
                    e);
        }
    }

    private void print(
            PrintWriter out, Path image, List<EmbeddedFace> faces, Gallery gallery, double limit) {
        if (faces.isEmpty()) {
            out.println(row(Csv.field(image.toString()), "no_persons_found", null));
            return;
        }
        float[][] probes = faces.stream().map(EmbeddedFace::embedding).toArray(float[][]::new);
        printMatches(out, image, probes, gallery, limit);
    }

    /** One row per person within the threshold for each probe, or unknown_person. */
    private void printMatches(
            PrintWriter out, Path image, float[][] probes, Gallery gallery, double limit) {
        String path = Csv.field(image.toString());
        for (List<PersonMatch> matches : gallery.nearestPeople(gallery.model(), probes, topK)) {
            List<PersonMatch> within = matches.stream().filter(m -> m.within(limit)).toList();
            if (within.isEmpty()) {
                out.println(row(path, "unknown_person", null));
            }
            for (PersonMatch match : within) {
                out.println(row(path, Csv.field(match.person()), match.distance()));
            }
        }
    }

    /** face_recognition's row: a missing distance reads {@code None}, as Python prints it. */
    private String row(String path, String person, Double distance) {
        if (!showDistance) {
            return path + "," + person;
        }
        String shown = distance == null ? "None" : String.format(Locale.ROOT, "%.6f", distance);
        return path + "," + person + "," + shown;
    }
}
