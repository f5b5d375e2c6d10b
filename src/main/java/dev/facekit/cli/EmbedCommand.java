package dev.facekit.cli;

import dev.facekit.embed.EmbeddedFace;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.gallery.NpyArray;
import dev.facekit.gallery.NpzArchive;
import dev.facekit.image.ImageFiles;
import dev.facekit.io.AtomicFile;
import dev.facekit.progress.ProgressBar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit embed}: the embeddings of face crops or photos, as CSV or NumPy .npz. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds images with a model: one row per image, the path then the embedding's values"
                    + " (path,e0,...,e127) as CSV on standard output or in --out FILE.csv, or"
                    + " --out FILE.npz with the arrays embeddings (float32, N x 128), paths and"
                    + " model.",
            "By default images are face crops, used whole as 'facekit crop' writes them;"
                    + " --photos finds and cuts the main face of each photo first.",
            "Unreadable images, and photos without a face, are skipped with one warning each."
        })
final class EmbedCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedCommand.class);

    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "A built-in model (dlib-resnet) or a model folder from 'facekit train'.")
    String modelSpec;

    @Parameters(
            index = "1",
            paramLabel = "IMAGE_OR_DIR",
            description = "An image, or a folder searched recursively for images.")
    Path input;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write FILE.csv or FILE.npz instead of CSV on standard output.")
    Path out;

    @Option(
            names = "--photos",
            description = "The images are photos: detect and cut the main face of each.")
    boolean photos;

    @Mixin FacePipelineOptions pipeline;

    @Override
    public Integer call() throws IOException {
        boolean npz = out != null && out.toString().toLowerCase(Locale.ROOT).endsWith(".npz");
        if (out != null && !npz && !out.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new IllegalArgumentException("--out " + out + ": give a .csv or .npz file");
        }
        List<Path> images = ImageFiles.expand(List.of(input));
        List<Path> embeddedPaths = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        ModelInfo info;
        try (PhotoEmbedder embedder =
                        pipeline.photoEmbedder(EmbeddingModels.open(modelSpec), !photos);
                ProgressBar progress = new ProgressBar("Embedding", images.size(), "images")) {
            info = embedder.model();
            if (photos) {
                List<Optional<EmbeddedFace>> faces =
                        embedder.embedMain(images, p -> progress.step());
                for (int i = 0; i < images.size(); i++) {
                    int index = i;
                    faces.get(i)
                            .ifPresent(
                                    f ->
                                            keep(
                                                    embeddedPaths,
                                                    embeddings,
                                                    images.get(index),
                                                    f.embedding()));
                }
            } else {
                float[][] all = embedder.embedChipFiles(images, p -> progress.step());
                for (int i = 0; i < images.size(); i++) {
                    if (all[i] != null) {
                        keep(embeddedPaths, embeddings, images.get(i), all[i]);
                    }
                }
            }
        }
        LOG.info("Embedded {} of {} images with {}", embeddings.size(), images.size(), info.name());
        if (npz) {
            writeNpz(info, embeddedPaths, embeddings);
        } else {
            writeCsv(info, embeddedPaths, embeddings);
        }
        return embeddings.isEmpty() ? 1 : 0;
    }

    private static void keep(List<Path> paths, List<float[]> embeddings, Path path, float[] e) {
        paths.add(path);
        embeddings.add(e);
    }

    private void writeCsv(ModelInfo info, List<Path> paths, List<float[]> embeddings)
            throws IOException {
        Writer target =
                out == null
                        ? new BufferedWriter(
                                new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                        : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        PrintWriter csv = new PrintWriter(target);
        StringBuilder header = new StringBuilder("path");
        for (int i = 0; i < info.embeddingSize(); i++) {
            header.append(",e").append(i);
        }
        csv.println(header);
        for (int i = 0; i < paths.size(); i++) {
            StringBuilder row = new StringBuilder(Csv.field(paths.get(i).toString()));
            for (float v : embeddings.get(i)) {
                row.append(',').append(v);
            }
            csv.println(row);
        }
        csv.flush();
        if (out != null) {
            csv.close();
        }
    }

    /** Written to a temporary file and renamed, so a failed run leaves no half archive. */
    private void writeNpz(ModelInfo info, List<Path> paths, List<float[]> embeddings)
            throws IOException {
        int size = info.embeddingSize();
        float[] matrix = new float[embeddings.size() * size];
        for (int i = 0; i < embeddings.size(); i++) {
            System.arraycopy(embeddings.get(i), 0, matrix, i * size, size);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("embeddings", new NpyArray.Float32(new int[] {embeddings.size(), size}, matrix));
        arrays.put(
                "paths",
                NpyArray.Text.vector(paths.stream().map(Path::toString).toArray(String[]::new)));
        arrays.put("model", NpyArray.Text.scalar(info.name() + " " + info.fingerprint()));
        AtomicFile.write(out, stream -> NpzArchive.write(arrays, stream));
    }
}
