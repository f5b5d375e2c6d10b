package dev.facekit.embed.dlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorflowJsWeightsTest {

    private static final String MANIFEST =
            """
            [{"paths": ["a.bin", "b.bin"], "weights": [
              {"name": "q", "shape": [2, 2], "dtype": "float32",
               "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
              {"name": "f", "shape": [3], "dtype": "float32"}]}]
            """;

    @TempDir Path folder;

    @Test
    void decodesQuantisedAndPlainTensorsAcrossShardsInManifestOrder() throws IOException {
        Path manifest = writeModel(MANIFEST, floats(1.5f, -2.25f, 1e-7f));

        TensorflowJsWeights weights = TensorflowJsWeights.read(manifest);

        assertEquals(2, weights.tensors().size());
        // q * scale + min for the bytes 0, 1, 2, 255
        assertArrayEquals(
                new float[] {-1.0f, -0.5f, 0.0f, 126.5f}, weights.tensor("q", 2, 2).values());
        assertArrayEquals(new float[] {1.5f, -2.25f, 1e-7f}, weights.tensor("f", 3).values());
    }

    @Test
    void refusesATensorOfTheWrongShape() throws IOException {
        TensorflowJsWeights weights =
                TensorflowJsWeights.read(writeModel(MANIFEST, floats(1, 2, 3)));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> weights.tensor("f", 4));

        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void saysWhenTheShardsAreTruncated() throws IOException {
        Path manifest = writeModel(MANIFEST, floats(1, 2));

        IOException e = assertThrows(IOException.class, () -> TensorflowJsWeights.read(manifest));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    private Path writeModel(String manifestJson, byte[] secondShard) throws IOException {
        Files.write(folder.resolve("a.bin"), new byte[] {0, 1, 2, (byte) 255});
        Files.write(folder.resolve("b.bin"), secondShard);
        return Files.writeString(folder.resolve("model-weights_manifest.json"), manifestJson);
    }

    private static byte[] floats(float... values) {
        ByteBuffer buffer =
                ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }
}
