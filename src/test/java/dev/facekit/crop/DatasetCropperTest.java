package dev.facekit.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.TestDatasets;
import dev.facekit.align.FaceAligner;
import dev.facekit.detect.FaceDetector;
import dev.facekit.detect.FaceDetectors;
import dev.facekit.detect.HaarCascadeDetector;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

class DatasetCropperTest {

    @TempDir Path dir;

    private static DatasetCropper cropper(boolean overwrite) {
        return new DatasetCropper(
                HaarCascadeDetector::createDefault, () -> new FaceCropper(128, 0), overwrite, 2);
    }

    @Test
    void cropsEveryTinyLfwImageTo128PixelRgbJpegs() throws Exception {
        Path out = dir.resolve("crops");

        CropSummary summary = cropper(false).crop(TestDatasets.lfwTiny().resolve("train"), out);

        assertEquals(64, summary.images());
        assertEquals(64, summary.cropped() + summary.skippedByReason().getOrDefault("no_face", 0));
        assertTrue(summary.cropped() >= 63, "cropped " + summary.cropped());
        assertEquals(summary.images() - summary.cropped(), summary.skipped());
        Mat crop = Imgcodecs.imread(out.resolve("Harrison_Ford/Harrison_Ford_0001.jpg").toString());
        assertEquals(128, crop.rows());
        assertEquals(128, crop.cols());
        assertEquals(3, crop.channels());
        assertEquals(16, countFolders(out));
    }

    @Test
    void alignsEveryTinyLfwFaceByItsLandmarksWithBlazeFace() throws Exception {
        DatasetCropper aligned =
                new DatasetCropper(
                        () -> open(FaceDetectors.BLAZEFACE),
                        () -> FaceAligner.forTemplate("facekit128"),
                        false,
                        2);

        CropSummary summary = aligned.crop(TestDatasets.lfwTiny().resolve("train"), dir);

        assertEquals(64, summary.cropped());
        Mat crop = Imgcodecs.imread(dir.resolve("Monica_Seles/Monica_Seles_0002.jpg").toString());
        assertEquals(128, crop.rows());
    }

    private static FaceDetector open(String name) {
        try {
            return FaceDetectors.open(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void resumesWithoutRedoingFinishedCropsAndRemovesPartialFiles() throws Exception {
        Path src = TestDatasets.lfwTiny().resolve("train");
        Path out = dir.resolve("crops");
        cropper(false).crop(src, out);
        Path done = out.resolve("Kevin_Spacey/Kevin_Spacey_0001.jpg");
        Files.setLastModifiedTime(done, FileTime.fromMillis(0));
        Path partial = out.resolve("Kevin_Spacey/.Kevin_Spacey_0002.jpg.partial");
        Files.writeString(partial, "left by a killed run");
        Files.delete(out.resolve("Kevin_Spacey/Kevin_Spacey_0003.jpg"));

        CropSummary again = cropper(false).crop(src, out);

        assertEquals(1, again.cropped());
        assertEquals(64 - 1 - again.skipped(), again.alreadyDone());
        assertEquals(0, Files.getLastModifiedTime(done).toMillis());
        assertFalse(Files.exists(partial));
        assertTrue(Files.exists(out.resolve("Kevin_Spacey/Kevin_Spacey_0003.jpg")));
    }

    @Test
    void reportsEveryBadInputWithItsReasonAndGoesOn() throws Exception {
        Path src = dir.resolve("src");
        Path person = Files.createDirectories(src.resolve("Someone"));
        Path face = TestDatasets.lfwTiny().resolve("train/Harrison_Ford/Harrison_Ford_0001.jpg");
        byte[] jpeg = Files.readAllBytes(face);
        Files.write(person.resolve("good.jpg"), jpeg);
        Files.write(person.resolve("empty.jpg"), new byte[0]);
        Files.write(person.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.writeString(person.resolve("notes.txt"), "not a picture");
        BufferedImage photo = ImageIO.read(face.toFile());
        writeGreyscalePng(photo, person.resolve("grey.png"));
        writeAlphaPng(photo, person.resolve("alpha.png"));
        writeCmykJpeg(photo, person.resolve("cmyk.jpg"));
        ImageIO.write(
                new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB),
                "png",
                person.resolve("black.png").toFile());

        CropSummary summary = cropper(false).crop(src, dir.resolve("out"));

        assertEquals(8, summary.images());
        assertEquals(4, summary.cropped(), "good, grey, alpha and CMYK each yield a face");
        assertEquals(
                Map.of("empty", 1, "truncated", 1, "not_an_image", 1, "no_face", 1),
                summary.skippedByReason());
        List<String> report = Files.readAllLines(summary.report());
        assertEquals("source,status,reason,faces", report.get(0));
        assertTrue(report.contains("Someone/cut.jpg,skipped,truncated,0"), report.toString());
        assertTrue(report.contains("Someone/black.png,skipped,no_face,0"), report.toString());
        assertTrue(Files.exists(dir.resolve("out/Someone/cmyk.jpg")));
        assertTrue(Files.exists(dir.resolve("out/Someone/alpha_png.jpg")));
    }

    @Test
    void refusesOverlappingOrMissingFolders() {
        Path src = TestDatasets.lfwTiny().resolve("train");

        assertThrows(
                IllegalArgumentException.class,
                () -> cropper(false).crop(dir.resolve("absent"), dir.resolve("out")));
        assertThrows(
                IllegalArgumentException.class, () -> cropper(false).crop(src, src.resolve("x")));
    }

    private static void writeGreyscalePng(BufferedImage photo, Path file) throws Exception {
        BufferedImage grey = new BufferedImage(250, 250, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(photo, 0, 0, null);
        ImageIO.write(grey, "png", file.toFile());
    }

    private static void writeAlphaPng(BufferedImage photo, Path file) throws Exception {
        BufferedImage argb = new BufferedImage(250, 250, BufferedImage.TYPE_INT_ARGB);
        argb.getGraphics().drawImage(photo, 0, 0, null);
        ImageIO.write(argb, "png", file.toFile());
    }

    /** ImageIO writes a four-band raster as a CMYK JPEG. */
    private static void writeCmykJpeg(BufferedImage photo, Path file) throws Exception {
        WritableRaster cmyk = Raster.createInterleavedRaster(0, 250, 250, 4, null);
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 250; x++) {
                int rgb = photo.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                // Stored inverted, as Adobe applications write CMYK JPEGs.
                cmyk.setPixel(x, y, new int[] {r + k, g + k, b + k, 255 - k});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(new IIOImage(cmyk, null, null));
        } finally {
            writer.dispose();
        }
    }

    private static long countFolders(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).count();
        }
    }
}
