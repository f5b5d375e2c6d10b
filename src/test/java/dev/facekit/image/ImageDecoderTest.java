package dev.facekit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.facekit.TestDatasets;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir Path dir;

    private final ImageDecoder decoder = new ImageDecoder();

    private static Path someLfwFace() {
        return TestDatasets.lfwTiny().resolve("train/Harrison_Ford/Harrison_Ford_0001.jpg");
    }

    @Test
    void readsAnLfwJpegAsThreeChannelPixels() throws Exception {
        Picture picture = decoder.read(someLfwFace());

        assertEquals(250, picture.width());
        assertEquals(250, picture.height());
        assertEquals(3, picture.bgr().channels());
        assertEquals(1.0, picture.scaleToOriginal());
    }

    @Test
    void expandsGreyscaleAndDropsAlpha() throws Exception {
        Path grey = dir.resolve("grey.png");
        ImageIO.write(
                new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY), "png", grey.toFile());
        Path alpha = dir.resolve("alpha.png");
        ImageIO.write(
                new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB), "png", alpha.toFile());

        assertEquals(3, decoder.read(grey).bgr().channels());
        assertEquals(3, decoder.read(alpha).bgr().channels());
        assertEquals(64, decoder.read(alpha).width());
    }

    @Test
    void reportsEachBadFileWithItsReason() throws Exception {
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.jpg"), "this is not a picture");
        byte[] jpeg = Files.readAllBytes(someLfwFace());
        Path truncated = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));

        assertReason("empty", empty);
        assertReason("not_an_image", text);
        assertReason("truncated", truncated);
        assertReason("missing", dir.resolve("absent.jpg"));
    }

    @Test
    void decodesLargeFilesReduced() throws Exception {
        ImageDecoder small = new ImageDecoder(10_000);

        Picture picture = small.read(someLfwFace());

        assertEquals(4.0, picture.scaleToOriginal());
        assertEquals(63, picture.width());
    }

    private void assertReason(String reason, Path file) {
        UnreadableImageException e =
                assertThrows(UnreadableImageException.class, () -> decoder.read(file));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
