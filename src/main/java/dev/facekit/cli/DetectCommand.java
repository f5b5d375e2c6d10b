package dev.facekit.cli;

import dev.facekit.crop.FaceCropper;
import dev.facekit.detect.Box;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
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
            "path,face,x,y,width,height,score (pixels of the original image).",
            "An image without faces prints path,no_faces_found; unreadable files are reported on"
                    + " standard error and the run goes on."
        })
final class DetectCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DetectCommand.class);

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

    @Option(
            names = "--size",
            paramLabel = "PX",
            description = "Side of the saved crops. Default: ${DEFAULT-VALUE}.")
    int sizePx = FaceCropper.DEFAULT_SIZE_PX;

    @Option(
            names = "--margin",
            paramLabel = "SHARE",
            description = "Room added around each box, as a share of its size. Default: 0.")
    double margin = 0;

    @Mixin DetectorOptions detectorOptions;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> images = ImageFiles.expand(inputs);
        FaceCropper cropper = new FaceCropper(sizePx, margin);
        if (cropsDir != null) {
            Files.createDirectories(cropsDir);
        }
        ImageDecoder decoder = new ImageDecoder();
        PrintWriter out = spec.commandLine().getOut();
        out.println("path,face,x,y,width,height,score");
        int unreadable = 0;
        try (FaceDetector detector = detectorOptions.detectors().get()) {
            for (Path image : images) {
                try {
                    Picture picture = decoder.read(image);
                    List<DetectedFace> faces = detector.detect(picture.bgr());
                    print(out, image, picture, faces);
                    if (cropsDir != null) {
                        saveCrops(image, picture, faces, cropper);
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
            out.println(Csv.field(image.toString()) + ",no_faces_found,,,,,");
            return;
        }
        for (int i = 0; i < faces.size(); i++) {
            Box b = faces.get(i).box().scaled(picture.scaleToOriginal());
            out.println(
                    String.format(
                            Locale.ROOT,
                            "%s,%d,%.0f,%.0f,%.0f,%.0f,%.3f",
                            Csv.field(image.toString()),
                            i,
                            b.x(),
                            b.y(),
                            b.width(),
                            b.height(),
                            faces.get(i).score()));
        }
    }

    private void saveCrops(
            Path image, Picture picture, List<DetectedFace> faces, FaceCropper cropper) {
        String stem = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        for (int i = 0; i < faces.size(); i++) {
            Mat crop = cropper.crop(picture.bgr(), faces.get(i).box());
            Path out = cropsDir.resolve(stem + "_" + i + ".jpg");
            if (!Imgcodecs.imwrite(out.toString(), crop)) {
                throw new IllegalStateException("Cannot write " + out);
            }
            crop.release();
        }
    }
}
