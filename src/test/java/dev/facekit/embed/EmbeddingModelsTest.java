package dev.facekit.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facekit.embed.dlib.DlibResNetEmbedder;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EmbeddingModelsTest {

    @Test
    void rejectsAnUnknownNameListingTheBuiltInModels() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EmbeddingModels.open("vgg"));

        assertTrue(e.getMessage().contains("'vgg'"), e.getMessage());
        assertTrue(e.getMessage().contains("dlib-resnet"), e.getMessage());
        assertTrue(e.getMessage().contains("trained model"), e.getMessage());
    }

    @Test
    void opensDlibsResNetByItsNameOrAlias() throws IOException {
        assumeTrue(
                weightsAvailable(), "Skipped: dlib's weights are neither cached nor downloadable");

        for (String spec : new String[] {"dlib-resnet", "dlib", " DLIB "}) {
            try (FaceEmbedder embedder = EmbeddingModels.open(spec)) {
                assertEquals(DlibResNetEmbedder.NAME, embedder.info().name());
            }
        }
    }

    private static boolean weightsAvailable() {
        try {
            DlibResNetEmbedder.FACE_API.file(DlibResNetEmbedder.WEIGHTS_IN_PACKAGE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
