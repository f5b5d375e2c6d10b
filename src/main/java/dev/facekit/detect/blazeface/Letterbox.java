package dev.facekit.detect.blazeface;

/**
 * How a picture is fitted into a square network input: scaled so that its longer side fills the
 * square, and centred, with equal borders on opposite sides. Maps input pixels back to picture
 * pixels.
 *
 * <p>The scaled size is rounded to whole pixels, so the two axes may differ in scale by a fraction
 * of a pixel; each axis keeps its own.
 *
 * @param scaledWidth the picture's width in the input, in pixels
 * @param scaledHeight the picture's height in the input, in pixels
 * @param left border columns left of the picture
 * @param top border rows above the picture
 * @param scaleX input pixels per picture pixel, horizontally
 * @param scaleY input pixels per picture pixel, vertically
 */
record Letterbox(
        int scaledWidth, int scaledHeight, int left, int top, double scaleX, double scaleY) {

    /** Fits a {@code width x height} picture into a {@code side x side} square. */
    static Letterbox fit(int width, int height, int side) {
        double scale = side / (double) Math.max(width, height);
        int scaledWidth = Math.max(1, Math.min(side, (int) Math.round(width * scale)));
        int scaledHeight = Math.max(1, Math.min(side, (int) Math.round(height * scale)));
        // Equal borders on both sides, so that the mirror image of the picture fills the input
        // exactly as the mirror image of the input square.
        scaledWidth += (side - scaledWidth) % 2;
        scaledHeight += (side - scaledHeight) % 2;
        return new Letterbox(
                scaledWidth,
                scaledHeight,
                (side - scaledWidth) / 2,
                (side - scaledHeight) / 2,
                scaledWidth / (double) width,
                scaledHeight / (double) height);
    }

    double toPictureX(double inputX) {
        return (inputX - left) / scaleX;
    }

    double toPictureY(double inputY) {
        return (inputY - top) / scaleY;
    }
}
