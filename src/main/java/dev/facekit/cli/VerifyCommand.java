package dev.facekit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.facekit.embed.EmbeddedFace;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facekit verify}: whether two photos show the same person. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the main face of two photos and says whether they show the same person,"
                    + " with the distance and the threshold used, as text or JSON."
        })
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "The first photo.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "The second photo.")
    Path second;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description =
                    "The embedding model: a built-in name or a model folder. Default:"
                            + " ${DEFAULT-VALUE}.")
    String modelSpec = "dlib-resnet";

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            description = "euclidean or cosine. Default: ${DEFAULT-VALUE}.")
    String metric = "euclidean";

    @Option(
            names = {"--threshold", "--tolerance"},
            paramLabel = "T",
            description =
                    "Largest distance that still counts as the same person, in the metric's"
                            + " units. Default: the model's calibrated threshold.")
    Double threshold;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(
            names = "--chips",
            description =
                    "The photos are face chips already, cut as the model expects; embed them"
                            + " whole without detection.")
    boolean chips;

    @Mixin FacePipelineOptions pipeline;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Metric distanceMetric = Metric.parse(metric);
        float[] a;
        float[] b;
        ModelInfo model;
        try (PhotoEmbedder embedder =
                pipeline.photoEmbedder(EmbeddingModels.open(modelSpec), chips)) {
            model = embedder.model();
            if (chips) {
                float[][] embeddings = embedder.embedChipFiles(List.of(first, second), p -> {});
                a = requireFace(Optional.ofNullable(embeddings[0]), first);
                b = requireFace(Optional.ofNullable(embeddings[1]), second);
            } else {
                List<Optional<EmbeddedFace>> faces =
                        embedder.embedMain(List.of(first, second), path -> {});
                a = requireFace(faces.get(0).map(EmbeddedFace::embedding), first);
                b = requireFace(faces.get(1).map(EmbeddedFace::embedding), second);
            }
        }

        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        double distance = distanceMetric.distanceFromDot(dot);
        double limit =
                threshold != null ? threshold : distanceMetric.thresholdFromL2(model.thresholdL2());
        boolean same = distance <= limit;
        print(spec.commandLine().getOut(), same, distance, limit, distanceMetric, model);
        return 0;
    }

    private static float[] requireFace(Optional<float[]> embedding, Path photo) {
        return embedding.orElseThrow(
                () ->
                        new IllegalArgumentException(
                                photo + ": no usable face (see the warning above)"));
    }

    private void print(
            PrintWriter out,
            boolean same,
            double distance,
            double limit,
            Metric distanceMetric,
            ModelInfo model) {
        if (json) {
            JsonObject result = new JsonObject();
            result.addProperty("a", first.toString());
            result.addProperty("b", second.toString());
            result.addProperty("same_person", same);
            result.addProperty("distance", distance);
            result.addProperty("threshold", limit);
            result.addProperty("metric", distanceMetric.id());
            result.addProperty("model", model.name());
            result.addProperty("model_fingerprint", model.fingerprint());
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(result));
        } else {
            out.println(
                    String.format(
                            Locale.ROOT,
                            "%s: %s distance %.4f %s threshold %.4f (model %s)",
                            same ? "same person" : "different people",
                            distanceMetric.id(),
                            distance,
                            same ? "<=" : ">",
                            limit,
                            model.name()));
        }
        out.flush();
    }
}
