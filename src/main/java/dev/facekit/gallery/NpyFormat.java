package dev.facekit.gallery;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads single arrays in NumPy's {@code .npy} format, version 1.0 (2.0 and 3.0 are read
 * too).
 *
 * <p>A file is the magic string {@code \x93NUMPY}, a version, a header length, and a header that is
 * a Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 128),
 * }}, padded with spaces and a newline so the data starts on a 64-byte boundary; the raw elements
 * follow. facekit writes little-endian {@code <f4}, {@code <i4} and {@code <U{n}} in C order. It
 * reads those in either byte order, plus {@code f8} and {@code i8} (narrowed to float and int, as
 * NumPy's defaults are 64-bit) and byte strings {@code |S{n}}, which are also written for ASCII
 * text. Pickled object arrays and Fortran order are refused with a message saying how to re-save
 * the array.
 */
public final class NpyFormat {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The data starts on this boundary, as NumPy writes it, so it can be memory-mapped. */
    private static final int HEADER_ALIGNMENT = 64;

    /**
     * Elements are converted through a buffer of this many bytes, never the whole array at once.
     */
    private static final int CHUNK_BYTES = 1 << 16;

    private NpyFormat() {}

    /** Writes one array as a complete {@code .npy} file to the stream (which stays open). */
    public static void write(NpyArray array, OutputStream out) throws IOException {
        out.write(header(array));
        if (array instanceof NpyArray.Float32 floats) {
            writeFloats(floats.values(), out);
        } else if (array instanceof NpyArray.Int32 ints) {
            writeInts(ints.values(), out);
        } else if (array instanceof NpyArray.Text text) {
            writeText(text.values(), textWidth(text.values()), out);
        } else if (array instanceof NpyArray.Ascii ascii) {
            writeAscii(ascii.values(), textWidth(ascii.values()), out);
        }
    }

    /**
     * Reads one {@code .npy} file from the stream, leaving the stream just after the array's data.
     *
     * @throws NpyFormatException when the bytes are not a {@code .npy} file facekit can read, or
     *     end before the array does
     */
    public static NpyArray read(InputStream in) throws IOException {
        Header header = readHeader(in);
        try {
            return switch (header.kind) {
                case 'f' -> new NpyArray.Float32(header.shape, readFloats(in, header));
                case 'i' -> new NpyArray.Int32(header.shape, readInts(in, header));
                case 'U' -> new NpyArray.Text(header.shape, readText(in, header));
                case 'S' -> new NpyArray.Ascii(header.shape, readText(in, header));
                default -> throw new IllegalStateException("unchecked kind " + header.kind);
            };
        } catch (EOFException e) {
            throw new NpyFormatException(
                    "the array of shape "
                            + NpyArray.describe(header.shape)
                            + " ends early: the file is truncated",
                    e);
        }
    }

    private static byte[] header(NpyArray array) {
        String descr;
        if (array instanceof NpyArray.Float32) {
            descr = "<f4";
        } else if (array instanceof NpyArray.Int32) {
            descr = "<i4";
        } else if (array instanceof NpyArray.Text text) {
            descr = "<U" + textWidth(text.values());
        } else {
            descr = "|S" + textWidth(((NpyArray.Ascii) array).values());
        }
        String dict =
                "{'descr': '"
                        + descr
                        + "', 'fortran_order': False, 'shape': "
                        + array.shapeText()
                        + ", }";
        int prefix = MAGIC.length + 2 + 2;
        int unpadded = prefix + dict.length() + 1;
        int padding = (HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT;
        String text = dict + " ".repeat(padding) + "\n";
        if (text.length() > 0xFFFF) {
            throw new IllegalArgumentException("the array's shape is too long for a .npy header");
        }

        ByteBuffer buffer = ByteBuffer.allocate(prefix + text.length());
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        buffer.put(text.getBytes(StandardCharsets.US_ASCII));
        return buffer.array();
    }

    /** The fixed width, in code points, that holds every string (at least 1, as NumPy uses). */
    private static int textWidth(String[] values) {
        int width = 1;
        for (String value : values) {
            if (value.endsWith("\0")) {
                throw new IllegalArgumentException(
                        "a string ending in a NUL character cannot be stored: NumPy drops it");
            }
            width = Math.max(width, value.codePointCount(0, value.length()));
        }
        return width;
    }

    private static void writeFloats(float[] values, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / Float.BYTES;
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(values, start, count);
            out.write(buffer.array(), 0, count * Float.BYTES);
        }
    }

    private static void writeInts(int[] values, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / Integer.BYTES;
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            buffer.clear();
            buffer.asIntBuffer().put(values, start, count);
            out.write(buffer.array(), 0, count * Integer.BYTES);
        }
    }

    private static void writeText(String[] values, int width, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(width * Integer.BYTES);
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        for (String value : values) {
            buffer.clear();
            value.codePoints().forEach(buffer::putInt);
            while (buffer.hasRemaining()) {
                buffer.putInt(0);
            }
            out.write(buffer.array());
        }
    }

    private static void writeAscii(String[] values, int width, OutputStream out)
            throws IOException {
        byte[] item = new byte[width];
        for (String value : values) {
            Arrays.fill(item, (byte) 0);
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, item, 0, bytes.length);
            out.write(item);
        }
    }

    /** What a header says about the array that follows it. */
    private record Header(char kind, int itemBytes, ByteOrder order, int[] shape) {}

    private static Header readHeader(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length + 2);
        if (magic.length < MAGIC.length + 2 || !startsWithMagic(magic)) {
            throw new NpyFormatException(
                    "not a NumPy .npy array (it does not start with \\x93NUMPY)");
        }
        int major = magic[MAGIC.length];
        int lengthBytes = major == 1 ? 2 : 4;
        if (major < 1 || major > 3) {
            throw new NpyFormatException("unknown .npy format version " + major);
        }
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new NpyFormatException("the .npy header is cut short: the file is truncated");
        }
        ByteBuffer length = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength =
                major == 1 ? Short.toUnsignedInt(length.getShort()) : length.getInt() & 0xFFFFFFFFL;
        if (headerLength > 1 << 20) {
            throw new NpyFormatException("the .npy header claims " + headerLength + " bytes");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpyFormatException("the .npy header is cut short: the file is truncated");
        }
        String text =
                new String(
                        headerBytes,
                        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return interpret(new HeaderParser(text).parse());
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static Header interpret(Map<String, Object> dict) throws NpyFormatException {
        Object descr = dict.get("descr");
        Object fortranOrder = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (!(descr instanceof String) || !(fortranOrder instanceof Boolean)) {
            throw new NpyFormatException("the .npy header lacks 'descr' or 'fortran_order'");
        }
        if (!(shapeValue instanceof List<?> dimensions)) {
            throw new NpyFormatException("the .npy header lacks a 'shape' tuple");
        }
        int[] shape = new int[dimensions.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dimensions.get(i) instanceof Long dimension)
                    || dimension < 0
                    || dimension > Integer.MAX_VALUE) {
                throw new NpyFormatException("the .npy shape " + shapeValue + " is not valid");
            }
            shape[i] = dimension.intValue();
        }
        try {
            NpyArray.elementCount(shape);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(e.getMessage());
        }
        if ((Boolean) fortranOrder && shape.length > 1) {
            throw new NpyFormatException(
                    "the array is stored in Fortran (column-major) order, which facekit does not"
                            + " read; save numpy.ascontiguousarray(array) instead");
        }
        return dataType((String) descr, shape);
    }

    private static Header dataType(String descr, int[] shape) throws NpyFormatException {
        if (descr.length() >= 2 && descr.charAt(1) == 'O') {
            throw new NpyFormatException(
                    "the array holds Python objects (dtype object), which only pickle can read;"
                            + " save strings as a fixed-width array, e.g."
                            + " numpy.asarray(names, dtype=str)");
        }
        String unsupported =
                "dtype '"
                        + descr
                        + "' is not supported: facekit reads float32/float64, int32/int64 and"
                        + " string arrays";
        if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            throw new NpyFormatException(unsupported);
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new NpyFormatException(unsupported);
        }
        boolean known =
                switch (kind) {
                    case 'f', 'i' -> size == 4 || size == 8;
                    case 'U' -> size >= 0 && size <= (1 << 20);
                    case 'S' -> size >= 0 && size <= (1 << 22);
                    default -> false;
                };
        if (!known) {
            throw new NpyFormatException(unsupported);
        }
        int itemBytes = kind == 'U' ? size * 4 : size;
        return new Header(kind, itemBytes, order, shape);
    }

    private static float[] readFloats(InputStream in, Header header) throws IOException {
        float[] values = new float[NpyArray.elementCount(header.shape)];
        int perChunk = CHUNK_BYTES / header.itemBytes;
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            ByteBuffer chunk = readChunk(in, count * header.itemBytes, header.order);
            if (header.itemBytes == Float.BYTES) {
                chunk.asFloatBuffer().get(values, start, count);
            } else {
                for (int i = 0; i < count; i++) {
                    values[start + i] = (float) chunk.getDouble();
                }
            }
        }
        return values;
    }

    private static int[] readInts(InputStream in, Header header) throws IOException {
        int[] values = new int[NpyArray.elementCount(header.shape)];
        int perChunk = CHUNK_BYTES / header.itemBytes;
        for (int start = 0; start < values.length; start += perChunk) {
            int count = Math.min(perChunk, values.length - start);
            ByteBuffer chunk = readChunk(in, count * header.itemBytes, header.order);
            if (header.itemBytes == Integer.BYTES) {
                chunk.asIntBuffer().get(values, start, count);
            } else {
                for (int i = 0; i < count; i++) {
                    long value = chunk.getLong();
                    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                        throw new NpyFormatException(
                                "the int64 value " + value + " does not fit in 32 bits");
                    }
                    values[start + i] = (int) value;
                }
            }
        }
        return values;
    }

    private static String[] readText(InputStream in, Header header) throws IOException {
        String[] values = new String[NpyArray.elementCount(header.shape)];
        for (int i = 0; i < values.length; i++) {
            ByteBuffer item = readChunk(in, header.itemBytes, header.order);
            values[i] = header.kind == 'U' ? decodeUtf32(item) : decodeBytes(item);
        }
        return values;
    }

    private static String decodeUtf32(ByteBuffer item) throws NpyFormatException {
        int[] codePoints = new int[item.remaining() / 4];
        int length = 0;
        for (int i = 0; i < codePoints.length; i++) {
            codePoints[i] = item.getInt();
            if (codePoints[i] != 0) {
                length = i + 1;
            }
            if (!Character.isValidCodePoint(codePoints[i])) {
                throw new NpyFormatException(
                        "a string holds the invalid code point " + codePoints[i]);
            }
        }
        return new String(codePoints, 0, length);
    }

    private static String decodeBytes(ByteBuffer item) {
        int length = item.remaining();
        while (length > 0 && item.get(length - 1) == 0) {
            length--;
        }
        return new String(item.array(), 0, length, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer readChunk(InputStream in, int bytes, ByteOrder order)
            throws IOException {
        byte[] data = in.readNBytes(bytes);
        if (data.length < bytes) {
            throw new EOFException();
        }
        return ByteBuffer.wrap(data).order(order);
    }

    /**
     * Reads the small subset of Python literals that {@code .npy} headers use: a dict of string
     * keys whose values are strings, booleans, integers, or tuples and lists of those.
     */
    private static final class HeaderParser {
        private final String text;
        private int position;

        HeaderParser(String text) {
            this.text = text;
        }

        Map<String, Object> parse() throws NpyFormatException {
            Object value = value();
            skipSpace();
            if (!(value instanceof Map<?, ?> map) || position != text.length()) {
                throw malformed();
            }
            Map<String, Object> dict = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                dict.put(String.valueOf(entry.getKey()), entry.getValue());
            }
            return dict;
        }

        private Object value() throws NpyFormatException {
            skipSpace();
            if (position >= text.length()) {
                throw malformed();
            }
            char c = text.charAt(position);
            if (c == '{') {
                return dict();
            } else if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            } else if (c == '\'' || c == '"') {
                return string(c);
            } else if (text.startsWith("True", position)) {
                position += 4;
                return Boolean.TRUE;
            } else if (text.startsWith("False", position)) {
                position += 5;
                return Boolean.FALSE;
            }
            return integer();
        }

        private Map<Object, Object> dict() throws NpyFormatException {
            Map<Object, Object> map = new LinkedHashMap<>();
            position++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    position++;
                    return map;
                }
                Object key = value();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    position++;
                }
            }
        }

        private List<Object> sequence(char close) throws NpyFormatException {
            List<Object> items = new ArrayList<>();
            position++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    position++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    position++;
                }
            }
        }

        private String string(char quote) throws NpyFormatException {
            int end = text.indexOf(quote, position + 1);
            if (end < 0) {
                throw malformed();
            }
            String value = text.substring(position + 1, end);
            position = end + 1;
            return value;
        }

        private Long integer() throws NpyFormatException {
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (position < text.length() && text.charAt(position) == 'L') {
                position++; // Python 2 wrote long integers with a suffix.
            }
            try {
                return Long.parseLong(text.substring(start, position).replace("L", ""));
            } catch (NumberFormatException e) {
                throw malformed();
            }
        }

        private char peek() throws NpyFormatException {
            if (position >= text.length()) {
                throw malformed();
            }
            return text.charAt(position);
        }

        private void expect(char c) throws NpyFormatException {
            if (peek() != c) {
                throw malformed();
            }
            position++;
        }

        private void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private NpyFormatException malformed() {
            return new NpyFormatException("the .npy header is not valid: " + text.strip());
        }
    }
}
