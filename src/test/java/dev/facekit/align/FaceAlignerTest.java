package dev.facekit.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import dev.facekit.detect.Box;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.Landmarks;
import dev.facekit.detect.Landmarks.Point;
import dev.facekit.detect.blazeface.BlazeFaceDetector;
import dev.facekit.detect.blazeface.BlazeFaceModel;
import dev.facekit.image.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class FaceAlignerTest {

    private static final ImageDecoder DECODER = new ImageDecoder();
    private static BlazeFaceDetector detector;

    private final FaceAligner aligner = FaceAligner.forTemplate("dlib150");

    @BeforeAll
    static void openDetector() throws Exception {
        detector = new BlazeFaceDetector(BlazeFaceModel.FRONT_128);
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    @Test
    void putsEachLandmarkOnItsTemplatePoint() {
        // Five single bright pixels where a rotated, scaled face would have its landmarks.
        SimilarityTransform chipToPicture =
                new SimilarityTransform(2.5 * Math.cos(0.4), 2.5 * Math.sin(0.4), 180, 20);
        Mat picture = Mat.zeros(500, 400, CvType.CV_8UC3);
        Point[] landmarks = new Point[5];
        for (int k = 0; k < 5; k++) {
            landmarks[k] = chipToPicture.apply(AlignmentTemplate.DLIB_150.points().get(k));
            // Drawn with 8 fractional bits, so the dot is centred on the exact point.
            Imgproc.circle(
                    picture,
                    new org.opencv.core.Point(landmarks[k].x() * 256, landmarks[k].y() * 256),
                    4 * 256,
                    Scalar.all(255),
                    -1,
                    Imgproc.LINE_AA,
                    8);
        }

        Mat chip =
                aligner.chip(
                        picture,
                        new Landmarks(
                                landmarks[0],
                                landmarks[1],
                                landmarks[2],
                                landmarks[3],
                                landmarks[4]));

        assertEquals(new Size(150, 150), chip.size());
        for (Point target : AlignmentTemplate.DLIB_150.points()) {
            Point found = brightCentroid(chip, target, 5);
            assertEquals(target.x(), found.x(), 0.15, "x of " + target);
            assertEquals(target.y(), found.y(), 0.15, "y of " + target);
        }
    }

    /**
     * With a template symmetric about the chip's centre line the chips mirror exactly, but for
     * rounding; dlib150 is centred half a pixel left of that line, so there the mirrored chip is
     * one pixel off.
     */
    @Test
    void alignedChipOfAMirroredPhotoIsTheMirrorOfTheChip() throws Exception {
        AlignmentTemplate symmetric =
                new AlignmentTemplate(
                        "symmetric",
                        150,
                        List.of(
                                new Point(48.1, 46.6),
                                new Point(100.9, 46.6),
                                new Point(74.5, 76.6),
                                new Point(50.9, 103.0),
                                new Point(98.1, 103.0)));
        for (Path path : lfwTinyFaces().subList(0, 10)) {
            Mat bgr = DECODER.read(path).bgr();
            Mat mirrored = new Mat();
            Core.flip(bgr, mirrored, 1);
            DetectedFace face = central(detector.detect(bgr));
            DetectedFace mirroredFace = central(detector.detect(mirrored));

            for (FaceAligner each : List.of(new FaceAligner(symmetric), aligner)) {
                Mat chip = each.chip(bgr, face);
                Mat mirroredChip = each.chip(mirrored, mirroredFace);
                Core.flip(mirroredChip, mirroredChip, 1);

                double difference = meanAbsoluteDifference(chip, mirroredChip);
                double limit = each == aligner ? 8 : 0.5;
                assertTrue(
                        difference < limit,
                        path.getFileName() + " " + each.template().name() + ": " + difference);
            }
        }
    }

    @Test
    void shrinksALargePictureBeforeWarpingIntoASmallChip() throws Exception {
        Mat bgr = DECODER.read(lfwTinyFaces().get(3)).bgr();
        DetectedFace face = central(detector.detect(bgr));
        Mat large = new Mat();
        Imgproc.resize(bgr, large, new Size(1500, 1500), 0, 0, Imgproc.INTER_CUBIC);
        Landmarks scaled = shiftedToPixelCentres(face.landmarks(), 6);

        Mat chip = aligner.chip(bgr, face);
        Mat chipOfLarge = aligner.chip(large, scaled);

        assertTrue(aligner.transformFor(scaled).scale() < 0.5);
        double difference = meanAbsoluteDifference(chip, chipOfLarge);
        assertTrue(difference < 6, "difference " + difference);
    }

    @Test
    void refusesAFaceWithoutLandmarks() {
        Mat picture = Mat.zeros(100, 100, CvType.CV_8UC3);
        DetectedFace boxOnly = new DetectedFace(new Box(10, 10, 50, 50), 1.0);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> aligner.chip(picture, boxOnly));
        assertTrue(e.getMessage().contains("landmarks"), e.getMessage());
    }

    @Test
    void cutsChipsOfEveryTemplateSize() throws Exception {
        Mat bgr = DECODER.read(lfwTinyFaces().get(0)).bgr();
        DetectedFace face = central(detector.detect(bgr));

        for (String name : FaceAligner.templateNames()) {
            FaceAligner each = FaceAligner.forTemplate(name);
            int size = each.template().sizePx();
            assertEquals(new Size(size, size), each.chip(bgr, face).size(), name);
        }
    }

    /** Pixel-centre coordinates scale about the picture's edge, not about pixel 0's centre. */
    private static Landmarks shiftedToPixelCentres(Landmarks l, double factor) {
        Point[] p = l.points();
        for (int k = 0; k < p.length; k++) {
            p[k] = new Point((p[k].x() + 0.5) * factor - 0.5, (p[k].y() + 0.5) * factor - 0.5);
        }
        return new Landmarks(p[0], p[1], p[2], p[3], p[4]);
    }

    private static Point brightCentroid(Mat chip, Point around, int radius) {
        double sum = 0;
        double x = 0;
        double y = 0;
        for (int row = (int) around.y() - radius; row <= (int) around.y() + radius + 1; row++) {
            for (int col = (int) around.x() - radius; col <= (int) around.x() + radius + 1; col++) {
                double v = chip.get(row, col)[0];
                sum += v;
                x += v * col;
                y += v * row;
            }
        }
        return new Point(x / sum, y / sum);
    }

    private static double meanAbsoluteDifference(Mat a, Mat b) {
        Mat difference = new Mat();
        Core.absdiff(a, b, difference);
        Scalar mean = Core.mean(difference);
        return (mean.val[0] + mean.val[1] + mean.val[2]) / 3;
    }

    private static DetectedFace central(List<DetectedFace> faces) {
        return faces.stream().filter(f -> f.box().contains(125, 125)).findFirst().orElseThrow();
    }

    private static List<Path> lfwTinyFaces() throws Exception {
        try (Stream<Path> files = Files.walk(TestDatasets.lfwTiny().resolve("eval"))) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }
}
