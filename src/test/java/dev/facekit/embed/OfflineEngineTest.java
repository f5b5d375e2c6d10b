package dev.facekit.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class OfflineEngineTest {

    @Test
    void startsPyTorchOfflineAndComputes() {
        Engine engine = OfflineEngine.pytorch();

        try (NDManager manager = engine.newBaseManager()) {
            NDArray sum = manager.create(new float[] {1, 2, 3}).sum();
            assertEquals("PyTorch", engine.getEngineName());
            assertEquals(6f, sum.getFloat());
        }
    }
}
