package dev.facekit.cli;

import dev.facekit.crop.ChipCutter;
import dev.facekit.detect.Box;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.Landmarks;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.ImageFiles;
import dev.facekit.image.Picture;
import dev.facekit.image.UnreadableImageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code facekit detect}: one CSV row per face found in each image. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Finds every face in each image and prints one CSV row per face:",
            "path,face,x,y,width,height,score and, for detectors that give them, the five"
                    + " landmarks (eyes, nose tip, mouth corners), in pixels of the original image.",
            "An image without faces prints path,no_faces_found; unreadable files are reported on"
                    + " standard error and the run goes on."
        })
final class DetectCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DetectCommand.class);

    /** The columns; the landmark columns are empty for detectors without landmarks. */
    static final String HEADER =
            "path,face,x,y,width,height,score,left_eye_x,left_eye_y,right_eye_x,right_eye_y,"
                    + "nose_x,nose_y,mouth_left_x,mouth_left_y,mouth_right_x,mouth_right_y";

    @Parameters(
            arity = "1..*",
            paramLabel = "IMAGE_OR_DIR",
            description = "Image files, or folders searched recursively for images.")
    List<Path> inputs;

    @Option(
            names = "--crops",
            paramLabel = "DIR",
            description = "Also save each face as DIR/<image>_<face>.jpg.")
    Path cropsDir;

    @Mixin ChipOptions chipOptions;

    @Mixin DetectorOptions detectorOptions;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> images = ImageFiles.expand(inputs);
        ChipCutter cutter = chipOptions.cutters(detectorOptions.givesLandmarks()).get();
        if (cropsDir != null) {
            Files.createDirectories(cropsDir);
        }
        ImageDecoder decoder = new ImageDecoder();
        PrintWriter out = spec.commandLine().getOut();
        out.println(HEADER);
        int unreadable = 0;
        try (FaceDetector detector = detectorOptions.detectors().get()) {
            for (Path image : images) {
                try {
                    Picture picture = decoder.read(image);
                    List<DetectedFace> faces = detector.detect(picture.bgr());
                    print(out, image, picture, faces);
                    if (cropsDir != null) {
                        saveCrops(image, picture, faces, cutter);
                    }
                    picture.release();
                } catch (UnreadableImageException e) {
                    LOG.warn("{}", e.getMessage());
                    unreadable++;
                }
            }
        }
        out.flush();
        return unreadable == images.size() ? 1 : 0;
    }

    private static void print(
            PrintWriter out, Path image, Picture picture, List<DetectedFace> faces) {
        if (faces.isEmpty()) {
            out.println(Csv.field(image.toString()) + ",no_faces_found" + ",".repeat(15));
            return;
        }
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace face = faces.get(i).scaled(picture.scaleToOriginal());
            Box b = face.box();
            StringBuilder row =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "%s,%d,%.0f,%.0f,%.0f,%.0f,%.3f",
                                    Csv.field(image.toString()),
                                    i,
                                    b.x(),
                                    b.y(),
                                    b.width(),
                                    b.height(),
                                    face.score()));
            if (face.hasLandmarks()) {
                for (Landmarks.Point p : face.landmarks().points()) {
                    row.append(String.format(Locale.ROOT, ",%.1f,%.1f", p.x(), p.y()));
                }
            } else {
                row.append(",".repeat(10));
            }
            out.println(row);
        }
    }

    private void saveCrops(
            Path image, Picture picture, List<DetectedFace> faces, ChipCutter cutter) {
        String stem = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        for (int i = 0; i < faces.size(); i++) {
            Mat crop = cutter.cut(picture.bgr(), faces.get(i));
            Path out = cropsDir.resolve(stem + "_" + i + ".jpg");
            if (!Imgcodecs.imwrite(out.toString(), crop)) {
                throw new IllegalStateException("Cannot write " + out);
            }
            crop.release();
        }
    }
}
