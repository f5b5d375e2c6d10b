package dev.facekit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.facekit.crop.CropSettings;
import dev.facekit.crop.CropSummary;
import dev.facekit.crop.DatasetCropper;
import dev.facekit.detect.FaceDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facekit crop}: a dataset of photos into the same tree of face crops. */
@Command(
        name = "crop",
        mixinStandardHelpOptions = true,
        description = {
            "Turns SRC/<person>/<image> into DST/<person>/<image>.jpg face crops (RGB JPEG,"
                    + " 128x128 by default), keeping the main face of each image.",
            "By default faces are found by BlazeFace and aligned by their landmarks; --detector"
                    + " haar --align none cuts Haar boxes, as the reference dataset's crops were.",
            "Skipped images are listed with the reason in DST/crop-report.csv. A second run"
                    + " resumes: existing crops are kept unless --overwrite.",
            "Prints a JSON summary on standard output."
        })
final class CropCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CropCommand.class);

    @Parameters(index = "0", paramLabel = "SRC", description = "Dataset: SRC/<person>/<image>.")
    Path source;

    @Parameters(index = "1", paramLabel = "DST", description = "Folder for the crops.")
    Path target;

    @Mixin ChipOptions chipOptions;

    @Option(names = "--overwrite", description = "Redo crops that already exist.")
    boolean overwrite;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Worker threads. Default: the number of cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin DetectorOptions detectorOptions;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Supplier<FaceDetector> detectors = detectorOptions.detectors();
        String detectorName;
        try (FaceDetector probe = detectors.get()) {
            detectorName = probe.name();
        }
        boolean landmarks = detectorOptions.givesLandmarks();
        new CropSettings(
                        detectorName,
                        chipOptions.framing(landmarks),
                        chipOptions.sizePx,
                        chipOptions.margin,
                        chipOptions.levelEyes)
                .recordIn(target, overwrite);
        DatasetCropper cropper =
                new DatasetCropper(detectors, chipOptions.cutters(landmarks), overwrite, threads);
        CropSummary summary = cropper.crop(source, target);

        LOG.info(
                "{} images: {} cropped, {} kept from an earlier run, {} skipped {} in {}"
                        + " ({} images/s); report: {}",
                summary.images(),
                summary.cropped(),
                summary.alreadyDone(),
                summary.skipped(),
                summary.skippedByReason(),
                String.format(Locale.ROOT, "%.1f s", summary.seconds()),
                String.format(Locale.ROOT, "%.1f", summary.images() / summary.seconds()),
                summary.report());
        spec.commandLine().getOut().println(toJson(summary));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String toJson(CropSummary s) {
        JsonObject json = new JsonObject();
        json.addProperty("images", s.images());
        json.addProperty("cropped", s.cropped());
        json.addProperty("already_done", s.alreadyDone());
        json.addProperty("skipped", s.skipped());
        JsonObject reasons = new JsonObject();
        s.skippedByReason().forEach(reasons::addProperty);
        json.add("skipped_by_reason", reasons);
        json.addProperty("several_faces", s.severalFaces());
        json.addProperty("report", s.report().toString());
        json.addProperty("seconds", Math.round(s.seconds() * 10) / 10.0);
        return new GsonBuilder().create().toJson(json);
    }
}
