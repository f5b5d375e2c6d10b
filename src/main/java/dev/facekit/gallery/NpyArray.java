package dev.facekit.gallery;

import java.util.Arrays;

/**
 * One array of a NumPy {@code .npy} file, in C (row-major) order: 32-bit floats, 32-bit integers,
 * fixed-width unicode strings or fixed-width ASCII byte strings. These are all a face database
 * needs, and NumPy reads them without pickle.
 */
public sealed interface NpyArray
        permits NpyArray.Float32, NpyArray.Int32, NpyArray.Text, NpyArray.Ascii {

    /** The dimensions, outermost first; an empty shape is a single value (a 0-d array). */
    int[] shape();

    /** The number of elements: the product of the shape. */
    default int size() {
        return elementCount(shape());
    }

    /** The shape as NumPy prints it, such as {@code (3, 128)}. */
    default String shapeText() {
        return describe(shape());
    }

    /**
     * Float32 values ({@code <f4}).
     *
     * @param shape the dimensions
     * @param values the elements in row-major order; its length must equal the shape's product
     */
    record Float32(int[] shape, float[] values) implements NpyArray {
        public Float32 {
            requireLength(shape, values.length);
        }
    }

    /**
     * Int32 values ({@code <i4}).
     *
     * @param shape the dimensions
     * @param values the elements in row-major order; its length must equal the shape's product
     */
    record Int32(int[] shape, int[] values) implements NpyArray {
        public Int32 {
            requireLength(shape, values.length);
        }
    }

    /**
     * Unicode strings, stored fixed-width as UTF-32 ({@code <U{n}}, n the longest string's length
     * in code points). NumPy drops trailing NUL characters, so strings must not end with one.
     *
     * @param shape the dimensions
     * @param values the elements in row-major order; its length must equal the shape's product
     */
    record Text(int[] shape, String[] values) implements NpyArray {
        public Text {
            requireLength(shape, values.length);
        }

        /** A 0-d array holding one string, as {@code numpy.array("...")} makes. */
        public static Text scalar(String value) {
            return new Text(new int[0], new String[] {value});
        }

        /** A 1-d array of the given strings. */
        public static Text vector(String... values) {
            return new Text(new int[] {values.length}, values);
        }
    }

    /**
     * ASCII strings, stored fixed-width one byte per character ({@code |S{n}}), a quarter of the
     * space of {@link Text}; NumPy reads them as {@code bytes}. For hex digests and the like.
     *
     * @param shape the dimensions
     * @param values the elements in row-major order; its length must equal the shape's product
     */
    record Ascii(int[] shape, String[] values) implements NpyArray {
        public Ascii {
            requireLength(shape, values.length);
            for (String value : values) {
                if (!value.chars().allMatch(c -> c > 0 && c < 128)) {
                    throw new IllegalArgumentException("not a NUL-free ASCII string: " + value);
                }
            }
        }

        /** A 1-d array of the given strings. */
        public static Ascii vector(String... values) {
            return new Ascii(new int[] {values.length}, values);
        }
    }

    /** The product of a shape's dimensions. */
    static int elementCount(int[] shape) {
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in " + describe(shape));
            }
            count *= dimension;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "an array of shape " + describe(shape) + " is too large for facekit");
            }
        }
        return (int) count;
    }

    /** The shape as a Python tuple: {@code ()}, {@code (5,)} or {@code (3, 128)}. */
    static String describe(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        String inner = Arrays.toString(shape);
        return "(" + inner.substring(1, inner.length() - 1) + ")";
    }

    private static void requireLength(int[] shape, int length) {
        if (elementCount(shape) != length) {
            throw new IllegalArgumentException(
                    length + " values do not fill an array of shape " + describe(shape));
        }
    }
}
