package dev.facekit.detect;

/**
 * An axis-aligned rectangle in image pixels: {@code x, y} is the top-left corner.
 *
 * @param x left edge, in pixels
 * @param y top edge, in pixels
 * @param width width, in pixels
 * @param height height, in pixels
 */
public record Box(double x, double y, double width, double height) {

    /** Horizontal centre, in pixels. */
    public double centerX() {
        return x + width / 2;
    }

    /** Vertical centre, in pixels. */
    public double centerY() {
        return y + height / 2;
    }

    /** Area in square pixels. */
    public double area() {
        return width * height;
    }

    /** This box with every coordinate multiplied by {@code factor}. */
    public Box scaled(double factor) {
        return new Box(x * factor, y * factor, width * factor, height * factor);
    }

    /** This box moved by {@code dx, dy} pixels. */
    public Box shifted(double dx, double dy) {
        return new Box(x + dx, y + dy, width, height);
    }

    /**
     * This box grown on every side by {@code margin} times its own size (0.1 adds 10% of the width
     * left and right and 10% of the height above and below); negative values shrink it.
     */
    public Box expanded(double margin) {
        double dx = width * margin;
        double dy = height * margin;
        return new Box(x - dx, y - dy, width + 2 * dx, height + 2 * dy);
    }

    /** Intersection over union with another box: 0 when apart, 1 when identical. */
    public double iou(Box other) {
        double left = Math.max(x, other.x);
        double top = Math.max(y, other.y);
        double right = Math.min(x + width, other.x + other.width);
        double bottom = Math.min(y + height, other.y + other.height);
        double overlap = Math.max(0, right - left) * Math.max(0, bottom - top);
        double union = area() + other.area() - overlap;
        return union <= 0 ? 0 : overlap / union;
    }

    /** Whether the point lies inside the box (edges included). */
    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height;
    }
}
