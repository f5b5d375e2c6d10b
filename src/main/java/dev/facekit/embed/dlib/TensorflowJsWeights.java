package dev.facekit.embed.dlib;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named tensors of a TensorFlow.js weights manifest ({@code *-weights_manifest.json}) and the
 * binary shard files it lists, decoded to 32-bit floats.
 *
 * <p>The format: the manifest is a JSON array of groups; each group names its shard files ({@code
 * paths}, relative to the manifest) and its tensors ({@code weights}, each with a {@code name},
 * {@code shape} and {@code dtype}). A group's shards, concatenated, hold its tensors back to back
 * in manifest order, little-endian. A tensor with a {@code quantization} entry is stored as one
 * unsigned byte (or 16-bit word) per value {@code q} and decodes to {@code q * scale + min};
 * otherwise it is stored as 4-byte floats. Decoding computes in double and rounds once to float, as
 * TensorFlow.js does, so the values are bit-identical to what its own loader produces.
 *
 * <p>Only what facekit's models need is supported: {@code float32} tensors, stored plain or
 * quantised to {@code uint8}/{@code uint16}.
 */
public final class TensorflowJsWeights {

    /**
     * One decoded tensor.
     *
     * @param name its name in the manifest, such as {@code conv32_1/conv1/conv/filters}
     * @param shape its dimensions, in TensorFlow's order (convolution filters are height, width,
     *     input channels, output channels)
     * @param values its values, row-major (the last dimension varies fastest)
     */
    public record Tensor(String name, int[] shape, float[] values) {

        /** The number of values, the product of the dimensions. */
        public int size() {
            return values.length;
        }
    }

    private final Path manifest;
    private final Map<String, Tensor> tensors;

    private TensorflowJsWeights(Path manifest, Map<String, Tensor> tensors) {
        this.manifest = manifest;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * Reads a manifest and every shard it names (from the manifest's folder).
     *
     * @throws IOException if a file cannot be read, the manifest is not a weights manifest, or a
     *     shard holds fewer or more bytes than the manifest describes
     */
    public static TensorflowJsWeights read(Path manifest) throws IOException {
        JsonArray groups = parseManifest(manifest);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (JsonElement group : groups) {
            readGroup(manifest, group.getAsJsonObject(), tensors);
        }
        return new TensorflowJsWeights(manifest, tensors);
    }

    /** The manifest these tensors were read from. */
    public Path manifest() {
        return manifest;
    }

    /** Every tensor, in manifest order. */
    public List<Tensor> tensors() {
        return new ArrayList<>(tensors.values());
    }

    /**
     * Returns the named tensor after checking its shape.
     *
     * @throws IllegalArgumentException if the manifest has no such tensor or its shape differs
     */
    public Tensor tensor(String name, int... expectedShape) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException(manifest + " has no tensor named " + name);
        }
        if (!Arrays.equals(tensor.shape(), expectedShape)) {
            throw new IllegalArgumentException(
                    "Tensor "
                            + name
                            + " in "
                            + manifest
                            + " has shape "
                            + Arrays.toString(tensor.shape())
                            + ", expected "
                            + Arrays.toString(expectedShape));
        }
        return tensor;
    }

    private static JsonArray parseManifest(Path manifest) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(manifest)).getAsJsonArray();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(
                    manifest + " is not a TensorFlow.js weights manifest (a JSON array)", e);
        }
    }

    private static void readGroup(Path manifest, JsonObject group, Map<String, Tensor> into)
            throws IOException {
        byte[] bytes = readShards(manifest, group.getAsJsonArray("paths"));
        int offset = 0;
        for (JsonElement element : group.getAsJsonArray("weights")) {
            JsonObject spec = element.getAsJsonObject();
            String name = spec.get("name").getAsString();
            int[] shape = shapeOf(spec.getAsJsonArray("shape"));
            String dtype = spec.get("dtype").getAsString();
            if (!dtype.equals("float32")) {
                throw new IOException(
                        "Tensor " + name + " in " + manifest + " has unsupported dtype " + dtype);
            }
            float[] values =
                    new float
                            [Math.toIntExact(
                                    Arrays.stream(shape)
                                            .asLongStream()
                                            .reduce(1, Math::multiplyExact))];
            int width = storedBytesPerValue(manifest, name, spec);
            if (offset + (long) values.length * width > bytes.length) {
                throw new IOException(
                        "The shards of "
                                + manifest
                                + " end inside tensor "
                                + name
                                + "; the files are truncated or do not belong to this manifest");
            }
            decode(bytes, offset, spec, values);
            offset += values.length * width;
            into.put(name, new Tensor(name, shape, values));
        }
        if (offset != bytes.length) {
            throw new IOException(
                    "The shards of "
                            + manifest
                            + " hold "
                            + (bytes.length - offset)
                            + " bytes more than its tensors; they do not belong to this manifest");
        }
    }

    private static byte[] readShards(Path manifest, JsonArray paths) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonElement path : paths) {
            Path shard = manifest.resolveSibling(path.getAsString());
            try (InputStream in = Files.newInputStream(shard)) {
                in.transferTo(all);
            }
        }
        return all.toByteArray();
    }

    private static int[] shapeOf(JsonArray dimensions) {
        int[] shape = new int[dimensions.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dimensions.get(i).getAsInt();
        }
        return shape;
    }

    private static int storedBytesPerValue(Path manifest, String name, JsonObject spec)
            throws IOException {
        if (!spec.has("quantization")) {
            return Float.BYTES;
        }
        String stored = spec.getAsJsonObject("quantization").get("dtype").getAsString();
        return switch (stored) {
            case "uint8" -> 1;
            case "uint16" -> 2;
            default ->
                    throw new IOException(
                            "Tensor "
                                    + name
                                    + " in "
                                    + manifest
                                    + " is quantised to "
                                    + stored
                                    + ", which facekit cannot decode (only uint8 and uint16)");
        };
    }

    private static void decode(byte[] bytes, int offset, JsonObject spec, float[] values) {
        if (!spec.has("quantization")) {
            for (int i = 0; i < values.length; i++) {
                int at = offset + i * Float.BYTES;
                int bits =
                        (bytes[at] & 0xff)
                                | (bytes[at + 1] & 0xff) << 8
                                | (bytes[at + 2] & 0xff) << 16
                                | (bytes[at + 3] & 0xff) << 24;
                values[i] = Float.intBitsToFloat(bits);
            }
            return;
        }
        JsonObject quantization = spec.getAsJsonObject("quantization");
        double scale = quantization.get("scale").getAsDouble();
        double min = quantization.get("min").getAsDouble();
        boolean wide = quantization.get("dtype").getAsString().equals("uint16");
        for (int i = 0; i < values.length; i++) {
            int q =
                    wide
                            ? (bytes[offset + 2 * i] & 0xff)
                                    | (bytes[offset + 2 * i + 1] & 0xff) << 8
                            : bytes[offset + i] & 0xff;
            values[i] = (float) (q * scale + min);
        }
    }
}
