package dev.facekit.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on standard error: done/total, rate, ETA and a short status such as the running
 * loss. On a terminal it redraws one line in place; otherwise (a log file, CI) it prints a fresh
 * line at most every {@value #LOG_INTERVAL_S} seconds so logs stay short.
 */
public final class ProgressBar {

    private static final int WIDTH = 24;
    private static final long REDRAW_INTERVAL_NS = 200_000_000L;
    private static final long LOG_INTERVAL_S = 30;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null;
    private final long startNs = System.nanoTime();
    private long done;
    private long lastDrawNs;

    /**
     * @param label what is being done, such as {@code epoch 3/20}
     * @param total how many units the work has
     * @param unit what is counted, such as {@code images}
     */
    public ProgressBar(String label, long total, String unit) {
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.lastDrawNs = startNs;
    }

    /** Records {@code count} more units done. */
    public void step(long count) {
        step(count, "");
    }

    /** Records {@code count} more units done and shows {@code status} after the rate. */
    public void step(long count, String status) {
        done += count;
        long now = System.nanoTime();
        long interval = terminal ? REDRAW_INTERVAL_NS : LOG_INTERVAL_S * 1_000_000_000L;
        if (now - lastDrawNs >= interval) {
            lastDrawNs = now;
            draw(status, false);
        }
    }

    /** Units per second so far. */
    public double rate() {
        double seconds = (System.nanoTime() - startNs) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Seconds since the bar started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** Draws the final state and ends the line. */
    public void finish() {
        finish("");
    }

    /** Draws the final state with a status and ends the line. */
    public void finish(String status) {
        if (terminal || elapsedSeconds() >= LOG_INTERVAL_S) {
            draw(status, true);
        }
    }

    private void draw(String status, boolean last) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double rate = rate();
        String eta = rate > 0 ? duration((total - Math.min(done, total)) / rate) : "?";
        String line =
                String.format(
                        Locale.ROOT,
                        "%s [%s%s] %d/%d %s, %.1f %s/s, %s %s%s",
                        label,
                        "#".repeat(filled),
                        "-".repeat(WIDTH - filled),
                        done,
                        total,
                        unit,
                        rate,
                        unit,
                        last ? "took" : "ETA",
                        last ? duration(elapsedSeconds()) : eta,
                        status.isEmpty() ? "" : ", " + status);
        if (terminal) {
            err.print("\r" + line + "\033[K" + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Formats seconds as {@code 1h02m}, {@code 3m05s} or {@code 42s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
