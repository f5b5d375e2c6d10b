package dev.facekit.cli;

import dev.facekit.embed.TrainedModel;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.Picture;
import dev.facekit.image.UnreadableImageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit embed}: the embeddings of face crops, as CSV. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds face crops with a model made by 'facekit train': one CSV row per image, the"
                    + " path then the embedding's values (path,e0,...,e127), on standard output or"
                    + " in --out.",
            "Images are used whole, as 'facekit crop' writes them; a model trained with"
                    + " --center-crop cuts the same box from each image first.",
            "Unreadable images are skipped with one warning each."
        })
final class EmbedCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedCommand.class);

    /** Images embedded per forward pass. */
    private static final int BATCH = 64;

    @Parameters(
            index = "0",
            paramLabel = "MODEL_DIR",
            description = "A model folder from 'facekit train'.")
    Path modelFolder;

    @Parameters(
            index = "1",
            paramLabel = "IMAGE_OR_DIR",
            description = "A face crop, or a folder searched recursively for images.")
    Path input;

    @Option(
            names = "--out",
            paramLabel = "FILE.csv",
            description = "Write the CSV here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (out != null
                && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            // Limitation: NumPy .npz output waits for the gallery's .npz writer; CSV meanwhile.
            throw new IllegalArgumentException(
                    "--out " + out + ": only .csv output is supported for now");
        }
        try (TrainedModel model = TrainedModel.load(modelFolder)) {
            embedAll(model, listImages(input));
        }
        return 0;
    }

    private void embedAll(TrainedModel model, List<Path> images) throws IOException {
        try (PrintWriter csv = new PrintWriter(openOutput())) {
            writeHeader(csv, model.info().embeddingSize());
            ImageDecoder decoder = new ImageDecoder();
            List<Path> batchPaths = new ArrayList<>();
            List<Mat> batch = new ArrayList<>();
            int written = 0;
            for (Path image : images) {
                try {
                    Picture picture = decoder.read(image);
                    batch.add(picture.bgr());
                    batchPaths.add(image);
                } catch (UnreadableImageException e) {
                    LOG.warn("Skipped {}", e.getMessage());
                }
                if (batch.size() == BATCH) {
                    written += flush(model, batchPaths, batch, csv);
                }
            }
            written += flush(model, batchPaths, batch, csv);
            LOG.info(
                    "Embedded {} of {} images with {}",
                    written,
                    images.size(),
                    model.info().name());
        }
    }

    private Writer openOutput() throws IOException {
        if (out == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }

    private static void writeHeader(PrintWriter csv, int size) {
        StringBuilder header = new StringBuilder("path");
        for (int i = 0; i < size; i++) {
            header.append(",e").append(i);
        }
        csv.println(header);
    }

    private static int flush(
            TrainedModel model, List<Path> paths, List<Mat> batch, PrintWriter csv) {
        if (batch.isEmpty()) {
            return 0;
        }
        float[][] embeddings = model.embed(batch);
        for (int i = 0; i < embeddings.length; i++) {
            StringBuilder row = new StringBuilder(quote(paths.get(i).toString()));
            for (float v : embeddings[i]) {
                row.append(',').append(v);
            }
            csv.println(row);
        }
        int n = batch.size();
        batch.forEach(Mat::release);
        batch.clear();
        paths.clear();
        return n;
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    private static List<Path> listImages(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException(input + " is neither an image file nor a folder");
        }
        try (Stream<Path> files = Files.walk(input)) {
            List<Path> images =
                    files.filter(Files::isRegularFile)
                            .filter(EmbedCommand::looksLikeImage)
                            .sorted()
                            .toList();
            if (images.isEmpty()) {
                throw new IllegalArgumentException("no image files under " + input);
            }
            return images;
        }
    }

    private static boolean looksLikeImage(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.matches(".*\\.(jpe?g|png|bmp|tiff?|webp|p[gpn]m)$");
    }
}
