package dev.facekit.evaluate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A plain x-y chart drawn with Java2D into a PNG: a title, two labelled axes with ticks and a light
 * grid, lines, bars, markers and a legend. Runs without a display.
 */
final class ChartCanvas {

    static final Color BLUE = new Color(31, 119, 180);
    static final Color RED = new Color(214, 39, 40);
    static final Color GREEN = new Color(44, 160, 44);
    static final Color GREY = new Color(90, 90, 90);

    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 75;

    /** One axis: its range and how values map onto it. */
    record Axis(double min, double max, boolean logarithmic, List<Double> ticks) {

        static Axis linear(double min, double max, double tickStep) {
            List<Double> ticks = new ArrayList<>();
            for (double t = min; t <= max + tickStep * 1e-9; t += tickStep) {
                ticks.add(Math.round(t / tickStep) * tickStep);
            }
            return new Axis(min, max, false, ticks);
        }

        /** From 10^minExponent to 10^maxExponent, one tick per decade. */
        static Axis log10(int minExponent, int maxExponent) {
            List<Double> ticks = new ArrayList<>();
            for (int e = minExponent; e <= maxExponent; e++) {
                ticks.add(Math.pow(10, e));
            }
            return new Axis(Math.pow(10, minExponent), Math.pow(10, maxExponent), true, ticks);
        }

        /** Where {@code value} lies from 0 (min) to 1 (max), clamped to the axis. */
        double fraction(double value) {
            double f =
                    logarithmic
                            ? (Math.log10(Math.max(value, min)) - Math.log10(min))
                                    / (Math.log10(max) - Math.log10(min))
                            : (value - min) / (max - min);
            return Math.max(0, Math.min(1, f));
        }

        String label(double tick) {
            if (logarithmic) {
                int exponent = (int) Math.round(Math.log10(tick));
                return exponent == 0 ? "1" : "1e" + exponent;
            }
            String text = String.format(Locale.ROOT, "%.2f", tick);
            return text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
    }

    /** A legend line: a colour swatch and its text. */
    record LegendEntry(Color color, String text) {}

    static {
        // Charts are drawn off screen; this keeps AWT from looking for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final BufferedImage image;
    private final Graphics2D g;
    private final Axis x;
    private final Axis y;
    private final int plotWidth;
    private final int plotHeight;

    ChartCanvas(int width, int height, String title, Axis x, String xLabel, Axis y, String yLabel) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        this.x = x;
        this.y = y;
        this.plotWidth = width - LEFT - RIGHT;
        this.plotHeight = height - TOP - BOTTOM;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawFrame(title, xLabel, yLabel);
    }

    /** Draws a line through the points, in order. */
    void line(double[] xs, double[] ys, Color color, float widthPx, boolean dashed) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                path.moveTo(px(xs[i]), py(ys[i]));
            } else {
                path.lineTo(px(xs[i]), py(ys[i]));
            }
        }
        withClip(
                () -> {
                    g.setColor(color);
                    g.setStroke(stroke(widthPx, dashed));
                    g.draw(path);
                });
    }

    /** Draws bars: bar {@code i} spans {@code edges[i]} to {@code edges[i + 1]}. */
    void bars(double[] edges, double[] heights, Color color) {
        Color fill = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
        withClip(
                () -> {
                    for (int i = 0; i < heights.length; i++) {
                        double left = px(edges[i]);
                        double right = px(edges[i + 1]);
                        double top = py(heights[i]);
                        Rectangle2D bar =
                                new Rectangle2D.Double(left, top, right - left, py(y.min()) - top);
                        g.setColor(fill);
                        g.fill(bar);
                        g.setColor(color);
                        g.setStroke(new BasicStroke(1f));
                        g.draw(bar);
                    }
                });
    }

    /** Draws a dashed full-height vertical line at {@code value}. */
    void verticalLine(double value, Color color) {
        line(new double[] {value, value}, new double[] {y.min(), y.max()}, color, 2f, true);
    }

    /** Draws a filled circle at a point. */
    void marker(double atX, double atY, Color color) {
        double cx = px(atX);
        double cy = py(atY);
        g.setColor(color);
        g.fill(new Ellipse2D.Double(cx - 6, cy - 6, 12, 12));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(new Ellipse2D.Double(cx - 6, cy - 6, 12, 12));
    }

    /** Draws a legend box in the given corner of the plot area. */
    void legend(List<LegendEntry> entries, boolean right, boolean bottom) {
        g.setFont(font(14, Font.PLAIN));
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = metrics.getHeight() + 4;
        int textWidth =
                entries.stream().mapToInt(e -> metrics.stringWidth(e.text())).max().orElse(0);
        int boxWidth = textWidth + 50;
        int boxHeight = entries.size() * lineHeight + 12;
        int left = right ? LEFT + plotWidth - boxWidth - 12 : LEFT + 12;
        int top = bottom ? TOP + plotHeight - boxHeight - 12 : TOP + 12;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(left, top, boxWidth, boxHeight);
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, boxWidth, boxHeight);
        for (int i = 0; i < entries.size(); i++) {
            int baseline = top + 6 + (i + 1) * lineHeight - 6;
            g.setColor(entries.get(i).color());
            g.fillRect(left + 10, baseline - 11, 26, 10);
            g.setColor(Color.BLACK);
            g.drawString(entries.get(i).text(), left + 44, baseline);
        }
    }

    /** Writes the chart as a PNG, creating the parent folder. */
    void write(Path file) throws IOException {
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }

    private void drawFrame(String title, String xLabel, String yLabel) {
        g.setFont(font(18, Font.BOLD));
        g.setColor(Color.BLACK);
        FontMetrics titleMetrics = g.getFontMetrics();
        g.drawString(title, LEFT + (plotWidth - titleMetrics.stringWidth(title)) / 2, TOP - 22);

        g.setFont(font(13, Font.PLAIN));
        FontMetrics tickMetrics = g.getFontMetrics();
        for (double tick : x.ticks()) {
            int at = (int) Math.round(px(tick));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(at, TOP, at, TOP + plotHeight);
            g.setColor(Color.BLACK);
            String label = x.label(tick);
            g.drawString(label, at - tickMetrics.stringWidth(label) / 2, TOP + plotHeight + 20);
        }
        for (double tick : y.ticks()) {
            int at = (int) Math.round(py(tick));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, at, LEFT + plotWidth, at);
            g.setColor(Color.BLACK);
            String label = y.label(tick);
            g.drawString(label, LEFT - 8 - tickMetrics.stringWidth(label), at + 5);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);

        g.setFont(font(15, Font.PLAIN));
        FontMetrics labelMetrics = g.getFontMetrics();
        g.drawString(
                xLabel,
                LEFT + (plotWidth - labelMetrics.stringWidth(xLabel)) / 2,
                TOP + plotHeight + 50);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + (plotHeight + labelMetrics.stringWidth(yLabel)) / 2), 30);
        g.setTransform(saved);
    }

    private void withClip(Runnable drawing) {
        Shape saved = g.getClip();
        g.clipRect(LEFT, TOP, plotWidth + 1, plotHeight + 1);
        drawing.run();
        g.setClip(saved);
    }

    private double px(double value) {
        return LEFT + x.fraction(value) * plotWidth;
    }

    private double py(double value) {
        return TOP + (1 - y.fraction(value)) * plotHeight;
    }

    private static Stroke stroke(float widthPx, boolean dashed) {
        return dashed
                ? new BasicStroke(
                        widthPx,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND,
                        10f,
                        new float[] {8f, 6f},
                        0f)
                : new BasicStroke(widthPx, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Font font(int size, int style) {
        return new Font(Font.SANS_SERIF, style, size);
    }
}
