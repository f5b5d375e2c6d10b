package dev.facekit.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The receiver operating characteristic of a set of scored pairs: one {@link RocPoint} for every
 * threshold that changes a decision, from accepting nothing (0, 0) to accepting everything (1, 1).
 *
 * <p>Thresholds lie halfway between neighbouring distinct distances, so a pair is never exactly at
 * a threshold. Pairs with equal distances are accepted together, which makes a diagonal step.
 */
public final class RocCurve {

    private final List<RocPoint> points;
    private final int sameCount;
    private final int differentCount;

    private RocCurve(List<RocPoint> points, int sameCount, int differentCount) {
        this.points = List.copyOf(points);
        this.sameCount = sameCount;
        this.differentCount = differentCount;
    }

    /** The ROC of the given pairs; needs at least one pair of each kind. */
    public static RocCurve of(VerificationScores scores) {
        int sameCount = scores.sameCount();
        int differentCount = scores.differentCount();
        if (sameCount == 0 || differentCount == 0) {
            throw new IllegalArgumentException(
                    "a ROC needs same-person and different-person pairs, got "
                            + sameCount
                            + " and "
                            + differentCount);
        }
        Integer[] order = byDistance(scores);
        double[] distinct = distinctDistances(scores, order);
        double[] thresholds = cutThresholds(distinct);

        List<RocPoint> points = new ArrayList<>(thresholds.length);
        points.add(new RocPoint(thresholds[0], 0, 0));
        int accepted = 0;
        int trueAccepts = 0;
        for (int cut = 1; cut < thresholds.length; cut++) {
            while (accepted < order.length && scores.distance(order[accepted]) < thresholds[cut]) {
                trueAccepts += scores.isSame(order[accepted]) ? 1 : 0;
                accepted++;
            }
            int falseAccepts = accepted - trueAccepts;
            points.add(
                    new RocPoint(
                            thresholds[cut],
                            (double) falseAccepts / differentCount,
                            (double) trueAccepts / sameCount));
        }
        return new RocCurve(points, sameCount, differentCount);
    }

    /** The operating points, by increasing threshold. */
    public List<RocPoint> points() {
        return points;
    }

    /** The number of same-person pairs behind the curve. */
    public int sameCount() {
        return sameCount;
    }

    /** The number of different-person pairs behind the curve. */
    public int differentCount() {
        return differentCount;
    }

    /**
     * The area under the curve by the trapezoid rule: the probability that a random same-person
     * pair is closer than a random different-person pair, ties counting one half.
     */
    public double areaUnderCurve() {
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            RocPoint a = points.get(i - 1);
            RocPoint b = points.get(i);
            area +=
                    (b.falseAcceptRate() - a.falseAcceptRate())
                            * (a.trueAcceptRate() + b.trueAcceptRate())
                            / 2;
        }
        return area;
    }

    /**
     * The equal error rate: the rate at which the false-accept rate equals the false-reject rate
     * {@code 1 - TAR}, interpolated linearly between the two operating points around it.
     */
    public double equalErrorRate() {
        RocPoint previous = points.get(0);
        for (RocPoint point : points) {
            double gap = point.falseAcceptRate() + point.trueAcceptRate() - 1;
            if (gap >= 0) {
                double previousGap = previous.falseAcceptRate() + previous.trueAcceptRate() - 1;
                double along = gap == previousGap ? 0 : -previousGap / (gap - previousGap);
                return previous.falseAcceptRate()
                        + along * (point.falseAcceptRate() - previous.falseAcceptRate());
            }
            previous = point;
        }
        throw new AssertionError("a ROC always ends at (1, 1)");
    }

    /**
     * The operating point with the highest true-accept rate whose false-accept rate is at most
     * {@code maxFalseAcceptRate}, without interpolation; the lowest such threshold on ties. With
     * {@code n} different-person pairs the finest meaningful rate is {@code 1/n}: below it this is
     * the point that accepts no different-person pair at all.
     */
    public RocPoint atFalseAcceptRate(double maxFalseAcceptRate) {
        RocPoint best = points.get(0);
        for (RocPoint point : points) {
            if (point.falseAcceptRate() <= maxFalseAcceptRate
                    && point.trueAcceptRate() > best.trueAcceptRate()) {
                best = point;
            }
        }
        return best;
    }

    /** Pair indices sorted by increasing distance. */
    static Integer[] byDistance(VerificationScores scores) {
        Integer[] order = new Integer[scores.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(scores::distance));
        return order;
    }

    /**
     * The thresholds that separate sorted distinct distances {@code d}: {@code d[0]} (accepts
     * nothing), the midpoints of neighbours, and the next double above the last (accepts
     * everything).
     */
    static double[] cutThresholds(double[] distinct) {
        double[] thresholds = new double[distinct.length + 1];
        thresholds[0] = distinct[0];
        for (int i = 1; i < distinct.length; i++) {
            double midpoint = distinct[i - 1] + (distinct[i] - distinct[i - 1]) / 2;
            // Neighbouring doubles have no double between them; the upper one still separates.
            thresholds[i] = midpoint > distinct[i - 1] ? midpoint : distinct[i];
        }
        thresholds[distinct.length] = Math.nextUp(distinct[distinct.length - 1]);
        return thresholds;
    }

    private static double[] distinctDistances(VerificationScores scores, Integer[] order) {
        return Arrays.stream(order).mapToDouble(scores::distance).distinct().toArray();
    }
}
