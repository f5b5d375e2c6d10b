package dev.facekit.evaluate;

import dev.facekit.evaluate.ChartCanvas.Axis;
import dev.facekit.evaluate.ChartCanvas.LegendEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws a verification result as PNG charts: the ROC curve and the distance histograms. */
public final class VerificationCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 650;

    /** Bins of the distance histogram. */
    private static final int BINS = 60;

    private VerificationCharts() {}

    /**
     * The ROC curve with the false-accept rate on a logarithmic axis, down to the finest rate the
     * different-person pairs can show, and the reported operating points marked.
     */
    public static void writeRoc(VerificationResult result, Path png) throws IOException {
        RocCurve roc = result.roc();
        VerificationReport report = result.report();
        int minExponent = (int) Math.floor(Math.log10(1.0 / roc.differentCount()));
        ChartCanvas canvas =
                new ChartCanvas(
                        WIDTH,
                        HEIGHT,
                        "ROC: "
                                + report.provenance().model().name()
                                + " on "
                                + fileName(report.provenance().data().get("pairs")),
                        Axis.log10(minExponent, 0),
                        "false-accept rate (different-person pairs accepted), log scale",
                        Axis.linear(0, 1, 0.1),
                        "true-accept rate (same-person pairs accepted)");

        List<RocPoint> points = roc.points();
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            // A rate of 0 has no place on a log axis; it is drawn at the axis' left edge.
            xs[i] = points.get(i).falseAcceptRate();
            ys[i] = points.get(i).trueAcceptRate();
        }
        canvas.line(xs, ys, ChartCanvas.BLUE, 2.5f, false);

        List<LegendEntry> legend = new ArrayList<>();
        legend.add(
                new LegendEntry(
                        ChartCanvas.BLUE,
                        String.format(
                                Locale.ROOT,
                                "%s, AUC %.4f",
                                report.provenance().model().name(),
                                report.rocAuc())));
        for (VerificationReport.OperatingPoint point : report.tarAtFar()) {
            canvas.marker(point.falseAcceptRate(), point.trueAcceptRate(), ChartCanvas.RED);
            legend.add(
                    new LegendEntry(
                            ChartCanvas.RED,
                            String.format(
                                    Locale.ROOT,
                                    "TAR %.2f%% at FAR <= %s",
                                    100 * point.trueAcceptRate(),
                                    point.targetFalseAcceptRate())));
        }
        double eer = report.equalErrorRate();
        canvas.marker(eer, 1 - eer, ChartCanvas.GREEN);
        legend.add(
                new LegendEntry(
                        ChartCanvas.GREEN,
                        String.format(Locale.ROOT, "equal error rate %.2f%%", 100 * eer)));
        canvas.legend(legend, true, true);
        canvas.write(png);
    }

    /**
     * Histograms of the distances of same-person and different-person pairs, each as a fraction of
     * its own pairs, with the thresholds that decided them.
     */
    public static void writeDistanceHistogram(VerificationResult result, Path png)
            throws IOException {
        VerificationScores scores = result.scores();
        VerificationReport report = result.report();
        double[] same = scores.distancesOf(true);
        double[] different = scores.distancesOf(false);

        double max = 0;
        for (int i = 0; i < scores.size(); i++) {
            max = Math.max(max, scores.distance(i));
        }
        // L2-normalised embeddings lie at most 2 apart; round the range up to a tenth.
        double top = Math.max(0.1, Math.ceil(max * 10) / 10);
        double[] edges = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            edges[i] = top * i / BINS;
        }
        double[] sameShare = histogram(same, edges);
        double[] differentShare = histogram(different, edges);
        double highest = 0;
        for (int i = 0; i < BINS; i++) {
            highest = Math.max(highest, Math.max(sameShare[i], differentShare[i]));
        }
        // Headroom above the highest bar keeps the legend off the bars.
        double yTop = Math.ceil(highest * 1.3 * 50) / 50;

        ChartCanvas canvas =
                new ChartCanvas(
                        WIDTH,
                        HEIGHT,
                        "Pair distances: "
                                + report.provenance().model().name()
                                + " on "
                                + fileName(report.provenance().data().get("pairs")),
                        Axis.linear(0, top, top > 1 ? 0.2 : 0.1),
                        "Euclidean distance between the two embeddings",
                        Axis.linear(0, yTop, yTop > 0.2 ? 0.05 : yTop > 0.1 ? 0.02 : 0.01),
                        "fraction of pairs of that kind");
        canvas.bars(edges, sameShare, ChartCanvas.BLUE);
        canvas.bars(edges, differentShare, ChartCanvas.RED);

        List<LegendEntry> legend = new ArrayList<>();
        legend.add(new LegendEntry(ChartCanvas.BLUE, same.length + " same-person pairs"));
        legend.add(new LegendEntry(ChartCanvas.RED, different.length + " different-person pairs"));
        if (report.fixedThreshold() != null) {
            double threshold = report.fixedThreshold().threshold();
            canvas.verticalLine(threshold, ChartCanvas.GREY);
            legend.add(
                    new LegendEntry(
                            ChartCanvas.GREY,
                            String.format(
                                    Locale.ROOT,
                                    "threshold %.3f, chosen on training pairs",
                                    threshold)));
        } else if (report.crossValidation() != null) {
            double threshold =
                    report.crossValidation().foldThresholds().stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow();
            canvas.verticalLine(threshold, ChartCanvas.GREY);
            legend.add(
                    new LegendEntry(
                            ChartCanvas.GREY,
                            String.format(
                                    Locale.ROOT,
                                    "threshold %.3f, mean of the folds' thresholds",
                                    threshold)));
        }
        canvas.legend(legend, true, false);
        canvas.write(png);
    }

    private static double[] histogram(double[] values, double[] edges) {
        int bins = edges.length - 1;
        double[] share = new double[bins];
        double width = edges[bins] / bins;
        for (double value : values) {
            int bin = (int) Math.min(bins - 1, Math.floor(value / width));
            share[bin] += 1.0 / values.length;
        }
        return share;
    }

    private static String fileName(String path) {
        return path == null ? "?" : Path.of(path).getFileName().toString();
    }
}
