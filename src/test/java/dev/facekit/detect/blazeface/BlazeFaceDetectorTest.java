package dev.facekit.detect.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import dev.facekit.detect.Box;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.Landmarks;
import dev.facekit.detect.Landmarks.Point;
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
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class BlazeFaceDetectorTest {

    private static final ImageDecoder DECODER = new ImageDecoder();
    private static BlazeFaceDetector detector;

    @BeforeAll
    static void openDetector() throws Exception {
        detector = new BlazeFaceDetector(BlazeFaceModel.FRONT_128);
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    static List<Path> lfwTinyFaces() throws Exception {
        try (Stream<Path> files = Files.walk(TestDatasets.lfwTiny().resolve("eval"))) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    static Mat read(Path path) throws Exception {
        return DECODER.read(path).bgr();
    }

    @Test
    void placesEyesNoseAndMouthWhereTheyBelongOnEveryLfwTinyFace() throws Exception {
        List<Path> faces = lfwTinyFaces();
        for (Path path : faces) {
            Mat bgr = read(path);
            DetectedFace face = central(detector.detect(bgr), bgr);
            bgr.release();

            assertTrue(face != null, "no face over the centre of " + path);
            Landmarks l = face.landmarks();
            String where = path.getFileName() + ": " + l;
            assertTrue(l.leftEye().x() < l.rightEye().x(), where);
            assertTrue(l.leftEye().y() < l.nose().y() && l.rightEye().y() < l.nose().y(), where);
            assertTrue(
                    l.nose().y() < l.mouthLeft().y() && l.nose().y() < l.mouthRight().y(), where);
            assertTrue(l.mouthLeft().x() < l.mouthRight().x(), where);
            for (Point p : l.points()) {
                assertTrue(face.box().contains(p.x(), p.y()), where + " outside " + face.box());
            }
            assertTrue(face.score() >= 0.5 && face.score() <= 1, where);
        }
        assertEquals(136, faces.size());
    }

    @Test
    void findsAllFourFacesOfATwoByTwoTile() throws Exception {
        List<Path> faces = lfwTinyFaces();
        Mat tile = new Mat(500, 500, CvType.CV_8UC3);
        for (int i = 0; i < 4; i++) {
            Mat face = read(faces.get(i * 17));
            face.copyTo(tile.submat(new Rect(250 * (i % 2), 250 * (i / 2), 250, 250)));
            face.release();
        }

        List<DetectedFace> found = detector.detect(tile);

        assertEquals(4, found.size(), found.toString());
        boolean[] quadrants = new boolean[4];
        for (DetectedFace f : found) {
            assertTrue(f.hasLandmarks());
            int quadrant = (f.box().centerX() < 250 ? 0 : 1) + (f.box().centerY() < 250 ? 0 : 2);
            quadrants[quadrant] = true;
            double eyeX = (f.landmarks().leftEye().x() + f.landmarks().rightEye().x()) / 2;
            assertEquals(250 * (quadrant % 2) + 125, eyeX, 25, f.toString());
        }
        assertTrue(quadrants[0] && quadrants[1] && quadrants[2] && quadrants[3]);
    }

    /** 90 px faces in a 1250 px picture are too small for one pass; the tiles find them. */
    @Test
    void findsSmallFacesInALargeGroupPicture() throws Exception {
        List<Path> faces = lfwTinyFaces();
        Mat group = new Mat(1000, 1250, CvType.CV_8UC3, new Scalar(110, 120, 130));
        int[][] corners = {{30, 40}, {520, 20}, {1010, 60}, {260, 400}, {700, 380}, {480, 760}};
        for (int i = 0; i < corners.length; i++) {
            Mat photo = read(faces.get(5 + 11 * i));
            Mat small = new Mat();
            Imgproc.resize(photo, small, new Size(200, 200), 0, 0, Imgproc.INTER_AREA);
            small.copyTo(group.submat(new Rect(corners[i][0], corners[i][1], 200, 200)));
        }

        List<DetectedFace> found = detector.detect(group);

        assertEquals(corners.length, found.size(), found.toString());
        for (int[] corner : corners) {
            double cx = corner[0] + 100;
            double cy = corner[1] + 100;
            DetectedFace face =
                    found.stream().filter(f -> f.box().contains(cx, cy)).findFirst().orElseThrow();
            Landmarks l = face.landmarks();
            assertEquals(cx, (l.leftEye().x() + l.rightEye().x()) / 2, 12, face.toString());
            assertTrue(l.leftEye().y() < l.nose().y() && l.nose().y() < l.mouthLeft().y());
        }
    }

    /** The eye line follows a face turned 40 degrees in the picture's plane. */
    @Test
    void followsAFaceTurnedInThePicturesPlane() throws Exception {
        for (Path path : lfwTinyFaces().subList(0, 10)) {
            Mat bgr = read(path);
            Mat turned = new Mat();
            Mat rotation =
                    Imgproc.getRotationMatrix2D(new org.opencv.core.Point(124.5, 124.5), 40, 1);
            Imgproc.warpAffine(
                    bgr, turned, rotation, bgr.size(), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT);

            DetectedFace face = central(detector.detect(turned), turned);

            assertTrue(face != null, "no face in " + path + " turned by 40 degrees");
            Landmarks l = face.landmarks();
            double eyeLine =
                    Math.toDegrees(
                            Math.atan2(
                                    l.rightEye().y() - l.leftEye().y(),
                                    l.rightEye().x() - l.leftEye().x()));
            // Counter-clockwise on screen: the right eye rises, so the angle in y-down pixels is
            // about -40 (LFW faces themselves lean by a few degrees).
            assertEquals(-40, eyeLine, 12, path.getFileName().toString());
        }
    }

    @Test
    void findsNothingInABlankPictureOrInNoise() {
        Mat grey = new Mat(300, 400, CvType.CV_8UC3, new Scalar(128, 128, 128));
        Mat noise = new Mat(300, 400, CvType.CV_8UC3);
        Core.randu(noise, 0, 256);

        assertEquals(List.of(), detector.detect(grey));
        assertEquals(List.of(), detector.detect(noise));
    }

    @Test
    void mirroredPhotoGivesMirroredLandmarks() throws Exception {
        for (Path path : lfwTinyFaces().subList(0, 20)) {
            Mat bgr = read(path);
            Mat mirrored = new Mat();
            Core.flip(bgr, mirrored, 1);
            Point[] original = central(detector.detect(bgr), bgr).landmarks().points();
            Point[] flipped = central(detector.detect(mirrored), mirrored).landmarks().points();

            // Mirroring swaps left and right, and takes x to (width - 1) - x.
            int[] partner = {1, 0, 2, 4, 3};
            for (int k = 0; k < 5; k++) {
                Point p = flipped[partner[k]];
                String where = path.getFileName() + " point " + k;
                assertEquals(original[k].x(), 249 - p.x(), 1e-3, where);
                assertEquals(original[k].y(), p.y(), 1e-3, where);
            }
        }
    }

    /**
     * Without mirror averaging BlazeFace is not mirror-symmetric: on lfw-tiny a point moves by 2.4
     * px on average (at most 8 px) between a photo and its mirror image, eyes being 50 px apart.
     */
    @Test
    void singlePassLandmarksAreOnlyRoughlyMirrored() throws Exception {
        BlazeFaceModel front = BlazeFaceModel.FRONT_128;
        double sum = 0;
        int count = 0;
        try (BlazeFaceDetector singlePass =
                new BlazeFaceDetector(front, front.onnxFile(), 0.5, false)) {
            for (Path path : lfwTinyFaces().subList(0, 20)) {
                Mat bgr = read(path);
                Mat mirrored = new Mat();
                Core.flip(bgr, mirrored, 1);
                Point[] original = central(singlePass.detect(bgr), bgr).landmarks().points();
                Point[] flipped =
                        central(singlePass.detect(mirrored), mirrored).landmarks().points();

                int[] partner = {1, 0, 2, 4, 3};
                for (int k = 0; k < 5; k++) {
                    Point p = flipped[partner[k]];
                    double distance =
                            Math.hypot(original[k].x() - (249 - p.x()), original[k].y() - p.y());
                    assertTrue(distance < 10, path.getFileName() + " point " + k + ": " + distance);
                    sum += distance;
                    count++;
                }
            }
        }
        assertTrue(sum / count > 0.5 && sum / count < 3.5, "mean distance " + sum / count);
    }

    @Test
    void copesWithFacesCutByTheBorderAndWithTinyPictures() throws Exception {
        Mat bgr = read(lfwTinyFaces().get(0));
        Mat halfFace = bgr.submat(new Rect(0, 0, 125, 250));
        Mat chinOnly = bgr.submat(new Rect(0, 170, 250, 80));
        Mat tiny = new Mat();
        Imgproc.resize(bgr, tiny, new Size(20, 20), 0, 0, Imgproc.INTER_AREA);
        Mat onePixel = new Mat(1, 1, CvType.CV_8UC3, new Scalar(90, 120, 200));

        for (Mat picture : List.of(halfFace, chinOnly, tiny, onePixel)) {
            for (DetectedFace f : detector.detect(picture)) {
                Box box = f.box();
                assertTrue(box.width() > 0 && f.hasLandmarks(), f.toString());
                assertTrue(box.x() < picture.cols() && box.x() + box.width() > 0, f.toString());
                assertTrue(box.y() < picture.rows() && box.y() + box.height() > 0, f.toString());
            }
        }
    }

    private static DetectedFace central(List<DetectedFace> faces, Mat bgr) {
        return faces.stream()
                .filter(f -> f.box().contains(bgr.cols() / 2.0, bgr.rows() / 2.0))
                .findFirst()
                .orElse(null);
    }
}
