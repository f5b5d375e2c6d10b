package dev.facekit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.gallery.EnrolmentSummary;
import dev.facekit.gallery.GalleryEnroller;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facekit enroll}: a directory-per-person gallery into a face database. */
@Command(
        name = "enroll",
        aliases = "enrol",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds the main face of every image in GALLERY/<person>/ and adds it to the database,"
                    + " creating the file if needed.",
            "Images already in the database (same bytes, whatever the name) are skipped, so a"
                    + " second run adds only what is new. Prints a JSON summary."
        })
final class EnrollCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrollCommand.class);

    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "The embedding model: a built-in name (dlib-resnet) or a model folder.")
    String modelSpec;

    @Parameters(index = "1", paramLabel = "GALLERY", description = "GALLERY/<person>/<image>.")
    Path gallery;

    @Option(
            names = "--db",
            required = true,
            paramLabel = "FILE",
            description = "The face database (.npz) to create or add to.")
    Path database;

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            description =
                    "Distance a new database matches with: euclidean or cosine (an existing"
                            + " database keeps its own). Default: ${DEFAULT-VALUE}.")
    String metric = "euclidean";

    @Option(
            names = "--chips",
            description =
                    "The images are face chips already, cut as the model expects; embed each"
                            + " whole image without detection.")
    boolean chips;

    @Mixin FacePipelineOptions pipeline;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Metric distance = Metric.parse(metric);
        EnrolmentSummary summary;
        try (PhotoEmbedder embedder =
                pipeline.photoEmbedder(EmbeddingModels.open(modelSpec), chips)) {
            GalleryEnroller enroller =
                    new GalleryEnroller(
                            embedder, ModelSpecs.recordable(modelSpec), distance, chips);
            summary = enroller.enrol(gallery, database);
        }
        LOG.info(
                "{} images of {} people: {} added, {} already enrolled, {} without a usable face,"
                        + " in {} s ({} images/s); {} now holds {} faces of {} people",
                summary.images(),
                summary.people(),
                summary.added(),
                summary.alreadyEnrolled(),
                summary.skipped(),
                String.format(Locale.ROOT, "%.1f", summary.seconds()),
                String.format(Locale.ROOT, "%.1f", summary.imagesPerSecond()),
                database,
                summary.databaseFaces(),
                summary.databasePeople());
        JsonObject json = new JsonObject();
        json.addProperty("database", summary.database().toString());
        json.addProperty("people", summary.people());
        json.addProperty("images", summary.images());
        json.addProperty("added", summary.added());
        json.addProperty("already_enrolled", summary.alreadyEnrolled());
        json.addProperty("skipped", summary.skipped());
        json.addProperty("database_faces", summary.databaseFaces());
        json.addProperty("database_people", summary.databasePeople());
        json.addProperty("seconds", Math.round(summary.seconds() * 10) / 10.0);
        json.addProperty("images_per_second", Math.round(summary.imagesPerSecond() * 10) / 10.0);
        spec.commandLine().getOut().println(new GsonBuilder().create().toJson(json));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
