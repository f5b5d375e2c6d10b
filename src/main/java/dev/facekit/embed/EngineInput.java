package dev.facekit.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hands batches of floats to the engine without a fresh off-heap allocation per batch.
 *
 * <p>{@link NDManager#create(float[], Shape)} copies the values into a new direct buffer that is
 * freed only when the garbage collector finds it, long after the array is closed. A training run
 * makes one such 7 MB buffer per 64-image batch and little heap garbage, so those buffers piled up
 * to the machine's whole memory (about 650 MB per LFW epoch). Here each thread fills one reused
 * direct buffer and the engine copies it into memory it owns and frees when the array is closed.
 */
public final class EngineInput {

    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    private EngineInput() {}

    /**
     * A float32 array holding a copy of {@code values}.
     *
     * @param manager the manager the array belongs to
     * @param values the values in row-major order
     * @param shape the array's shape; its size must equal {@code values.length}
     */
    public static NDArray create(NDManager manager, float[] values, Shape shape) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(
                    "shape " + shape + " does not hold " + values.length + " values");
        }
        int bytes = values.length * Float.BYTES;
        ByteBuffer buffer = BUFFERS.get();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            BUFFERS.set(buffer);
        }
        buffer.clear();
        buffer.asFloatBuffer().put(values);
        buffer.limit(bytes);
        // The engine wraps a direct buffer without copying; the duplicate owns its memory, so
        // the buffer can be refilled as soon as this returns.
        try (NDArray view = manager.create(buffer, shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }
}
