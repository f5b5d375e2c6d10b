package dev.facekit.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar for long work, drawn on standard error with the rate and the time left.
 *
 * <p>On a terminal it redraws one line at most five times a second; when standard error is a file
 * or a CI log it prints a plain line every ten seconds instead, so logs stay readable. Safe to
 * advance from many threads. Hand-written rather than taken from a library: the common Java
 * progress-bar libraries pull in a terminal library (JLine) for this one line.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final long intervalNanos;
    private final AtomicLong done = new AtomicLong();
    private volatile String status = "";
    private long lastDrawNanos;

    /**
     * @param task what is being done, e.g. {@code Cropping}
     * @param total how many steps make the whole; 0 or less when unknown
     * @param unit what a step is, e.g. {@code images}
     */
    public ProgressBar(String task, long total, String unit) {
        this(task, total, unit, System.err, System.console() != null);
    }

    ProgressBar(String task, long total, String unit, PrintStream out, boolean terminal) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
        this.lastDrawNanos = startNanos;
    }

    /** Advances by one step. */
    public void step() {
        stepBy(1);
    }

    /** Advances by {@code n} steps. */
    public void stepBy(long n) {
        long now = done.addAndGet(n);
        long time = System.nanoTime();
        synchronized (this) {
            if (time - lastDrawNanos >= intervalNanos) {
                lastDrawNanos = time;
                draw(now, time, false);
            }
        }
    }

    /**
     * Advances by {@code n} steps and shows {@code status} (such as the running loss) after the
     * rate from now on.
     */
    public void stepBy(long n, String status) {
        this.status = status;
        stepBy(n);
    }

    /** Steps per second so far. */
    public double rate() {
        double seconds = elapsedSeconds();
        return seconds <= 0 ? 0 : done.get() / seconds;
    }

    /** Steps done so far. */
    public long done() {
        return done.get();
    }

    /** Seconds since the bar was made. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        draw(done.get(), System.nanoTime(), true);
    }

    /** Draws the final state with a last status and ends the line. */
    public void close(String lastStatus) {
        this.status = lastStatus;
        close();
    }

    private void draw(long count, long time, boolean last) {
        double seconds = Math.max(1e-9, (time - startNanos) / 1e9);
        double rate = count / seconds;
        String line = line(count, rate, seconds);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long count, double rate, double seconds) {
        StringBuilder s = new StringBuilder(task).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) count / total);
            int filled = (int) Math.round(fraction * WIDTH);
            s.append('[')
                    .append("#".repeat(filled))
                    .append(" ".repeat(WIDTH - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% ", fraction * 100))
                    .append(count)
                    .append('/')
                    .append(total);
        } else {
            s.append(count);
        }
        s.append(' ')
                .append(unit)
                .append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit))
                .append(", elapsed ")
                .append(clock(seconds));
        if (total > 0 && rate > 0 && count < total) {
            s.append(", ETA ").append(clock((total - count) / rate));
        }
        if (!status.isEmpty()) {
            s.append(", ").append(status);
        }
        return s.toString();
    }

    /** Formats seconds as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        if (d.toHours() > 0) {
            return String.format(
                    Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
