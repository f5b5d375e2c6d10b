package dev.facekit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random changes applied to each training chip, chosen to be ones a face photo really undergoes so
 * the network learns to ignore them: a mirror image (faces are nearly symmetric; a mirrored person
 * is the same person), small shifts and scale changes (detector boxes wander by a few pixels), and
 * light changes of brightness, contrast and colour balance. Never applied at validation or use.
 *
 * @param mirror flip left-right with probability 1/2
 * @param maxShift largest shift, as a fraction of the chip side, in each direction (default 0.06)
 * @param maxScale largest relative zoom in or out (default 0.06)
 * @param maxBrightness largest brightness change, as a fraction of full scale (default 0.1)
 * @param maxContrast largest relative contrast change (default 0.15)
 * @param maxColour largest relative change of each colour channel's gain (default 0.05)
 */
public record Augmentation(
        boolean mirror,
        double maxShift,
        double maxScale,
        double maxBrightness,
        double maxContrast,
        double maxColour) {

    /** No augmentation: chips go in as they are. */
    public static final Augmentation NONE = new Augmentation(false, 0, 0, 0, 0, 0);

    /** Mirror, shift, scale and colour together, with the defaults above. */
    public static final Augmentation DEFAULT = parse("mirror,shift,scale,colour");

    /**
     * Parses a comma-separated list of {@code mirror}, {@code shift}, {@code scale} and {@code
     * colour}, each switched on with its default size; {@code none} switches all off.
     */
    public static Augmentation parse(String list) {
        boolean mirror = false;
        double shift = 0;
        double scale = 0;
        double brightness = 0;
        double contrast = 0;
        double colour = 0;
        for (String part : list.toLowerCase(Locale.ROOT).split(",")) {
            switch (part.trim()) {
                case "none", "" -> {}
                case "mirror" -> mirror = true;
                case "shift" -> shift = 0.06;
                case "scale" -> scale = 0.06;
                case "colour", "color" -> {
                    brightness = 0.1;
                    contrast = 0.15;
                    colour = 0.05;
                }
                default ->
                        throw new IllegalArgumentException(
                                "unknown augmentation '"
                                        + part.trim()
                                        + "'; use a comma-separated list of mirror, shift, scale,"
                                        + " colour, or none");
            }
        }
        return new Augmentation(mirror, shift, scale, brightness, contrast, colour);
    }

    /** The switched-on parts, comma-separated, as {@link #parse} reads them; {@code none}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (mirror) {
            parts.add("mirror");
        }
        if (maxShift > 0) {
            parts.add("shift");
        }
        if (maxScale > 0) {
            parts.add("scale");
        }
        if (maxBrightness > 0 || maxContrast > 0 || maxColour > 0) {
            parts.add("colour");
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    /**
     * Writes a randomly changed copy of a chip as normalised RGB planes, like {@link
     * ChipPreprocessing#writeTensor}. Geometry is resampled bilinearly about the chip's centre,
     * repeating edge pixels where the shifted chip runs out.
     *
     * @param bgrPixels the chip, {@code sizePx^2 * 3} BGR bytes
     * @param random the source of every random choice, so a seeded run repeats exactly
     */
    public void writeTensor(byte[] bgrPixels, int sizePx, Random random, float[] out, int offset) {
        boolean flip = mirror && random.nextBoolean();
        double zoom = 1 + uniform(random, maxScale);
        double shiftX = uniform(random, maxShift) * sizePx;
        double shiftY = uniform(random, maxShift) * sizePx;
        float contrast = (float) (1 + uniform(random, maxContrast));
        float brightness = (float) uniform(random, maxBrightness);
        float[] gain = new float[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = (float) (1 + uniform(random, maxColour));
        }

        int plane = sizePx * sizePx;
        double centre = (sizePx - 1) / 2.0;
        for (int y = 0; y < sizePx; y++) {
            double sourceY = centre + (y - centre - shiftY) / zoom;
            for (int x = 0; x < sizePx; x++) {
                double dx = (x - centre - shiftX) / zoom;
                double sourceX = centre + (flip ? -dx : dx);
                int i = y * sizePx + x;
                for (int c = 0; c < 3; c++) {
                    float unit = sample(bgrPixels, sizePx, sourceX, sourceY, 2 - c) / 255f;
                    float changed = ((unit - 0.5f) * contrast + 0.5f + brightness) * gain[c];
                    out[offset + c * plane + i] =
                            ChipPreprocessing.normalise(Math.min(1f, Math.max(0f, changed)));
                }
            }
        }
    }

    private static double uniform(Random random, double max) {
        return max == 0 ? 0 : (random.nextDouble() * 2 - 1) * max;
    }

    private static float sample(byte[] bgr, int size, double x, double y, int channel) {
        double cx = Math.min(size - 1, Math.max(0, x));
        double cy = Math.min(size - 1, Math.max(0, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(size - 1, x0 + 1);
        int y1 = Math.min(size - 1, y0 + 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top =
                pixel(bgr, size, x0, y0, channel) * (1 - fx)
                        + pixel(bgr, size, x1, y0, channel) * fx;
        double bottom =
                pixel(bgr, size, x0, y1, channel) * (1 - fx)
                        + pixel(bgr, size, x1, y1, channel) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static int pixel(byte[] bgr, int size, int x, int y, int channel) {
        return bgr[(y * size + x) * 3 + channel] & 0xFF;
    }
}
