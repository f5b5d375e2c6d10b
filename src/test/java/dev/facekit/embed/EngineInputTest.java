package dev.facekit.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EngineInputTest {

    @Test
    void holdsTheValuesInTheGivenShape() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            float[] values = {1, 2, 3, 4, 5, 6};

            NDArray array = EngineInput.create(manager, values, new Shape(2, 3));

            assertEquals(new Shape(2, 3), array.getShape());
            assertEquals(DataType.FLOAT32, array.getDataType());
            assertArrayEquals(values, array.toFloatArray());
            assertEquals(6f, array.get(1, 2).getFloat());
        }
    }

    @Test
    void laterCallsDoNotChangeEarlierArrays() {
        // The thread's buffer is refilled by every call; each array must own a copy.
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            NDArray first = EngineInput.create(manager, new float[] {1, 2, 3}, new Shape(3));
            NDArray second = EngineInput.create(manager, new float[] {7, 8, 9}, new Shape(3));
            NDArray larger = EngineInput.create(manager, new float[] {4, 4, 4, 4, 4}, new Shape(5));

            assertArrayEquals(new float[] {1, 2, 3}, first.toFloatArray());
            assertArrayEquals(new float[] {7, 8, 9}, second.toFloatArray());
            assertArrayEquals(new float[] {4, 4, 4, 4, 4}, larger.toFloatArray());
        }
    }

    @Test
    void survivesItsValuesArrayBeingReused() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            float[] values = {0.5f, -0.5f};
            NDArray array = EngineInput.create(manager, values, new Shape(1, 2));

            values[0] = 99;

            assertArrayEquals(new float[] {0.5f, -0.5f}, array.toFloatArray());
        }
    }

    @Test
    void refusesAShapeThatDoesNotMatchTheValues() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EngineInput.create(manager, new float[5], new Shape(2, 3)));
            assertEquals("shape (2, 3) does not hold 5 values", e.getMessage());
        }
    }
}
