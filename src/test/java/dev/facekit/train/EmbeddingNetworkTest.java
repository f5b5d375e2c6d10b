package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import dev.facekit.embed.OfflineEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both layouts build, size as documented and emit unit vectors; unknown versions are refused. */
class EmbeddingNetworkTest {

    private static final int SIZE_PX = 96;

    private static long parameters(int version) {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            Block block = EmbeddingNetwork.build(version, 128);
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, EmbeddingNetwork.inputShape(1, SIZE_PX));
            return block.getParameters().values().stream()
                    .filter(Parameter::requiresGradient)
                    .mapToLong(p -> p.getArray().size())
                    .sum();
        }
    }

    @Test
    void theFlattenedHeadAddsItsNormalisationAndALargerLinearLayer() {
        long pooled = parameters(EmbeddingNetwork.POOLED_VERSION);
        long flattened = parameters(EmbeddingNetwork.VERSION);

        // At 96 px the last stage leaves 256 maps of 6x6. Version 2 adds batch normalisation over
        // the 256 maps (scale and shift) and feeds the linear layer 256 x 36 values instead of 256.
        long added = 2 * 256 + (256L * 36 - 256) * 128;
        assertEquals(added, flattened - pooled);
        assertTrue(pooled > 1_200_000 && pooled < 1_300_000, "pooled net has " + pooled);
    }

    @Test
    void bothVersionsEmitUnitVectors() {
        Random random = new Random(5);
        List<byte[]> chips = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] chip = new byte[SIZE_PX * SIZE_PX * 3];
            random.nextBytes(chip);
            chips.add(chip);
        }
        for (int version : new int[] {EmbeddingNetwork.POOLED_VERSION, EmbeddingNetwork.VERSION}) {
            try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
                Block block = EmbeddingNetwork.build(version, 128);
                block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
                block.initialize(
                        manager, DataType.FLOAT32, EmbeddingNetwork.inputShape(1, SIZE_PX));

                float[][] embeddings = EmbeddingNetwork.embed(block, manager, chips, SIZE_PX);

                assertEquals(3, embeddings.length);
                for (float[] e : embeddings) {
                    assertEquals(128, e.length);
                    double sum = 0;
                    for (float x : e) {
                        sum += x * x;
                    }
                    assertEquals(1.0, Math.sqrt(sum), 1e-4, "version " + version);
                }
            }
        }
    }

    @Test
    void refusesAnUnknownVersion() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EmbeddingNetwork.build(3, 128));
        assertEquals(
                "facekit-resnet10 has no version 3; this facekit knows versions 1 and 2",
                e.getMessage());
    }

    @Test
    void settingsSavedBeforeVersionsExistedMeanThePooledNet() {
        TrainingSettings old = TrainingSettings.defaults().withArchitectureVersion(0);

        assertEquals(EmbeddingNetwork.POOLED_VERSION, old.architectureVersion());
        assertEquals(EmbeddingNetwork.VERSION, TrainingSettings.defaults().architectureVersion());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingSettings.defaults().withArchitectureVersion(7));
        assertEquals("unknown architecture version 7; use 1 or 2", e.getMessage());
    }
}
