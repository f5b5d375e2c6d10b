package dev.facekit.evaluate;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of an identification evaluation, shaped for its JSON report. Absent parts are null.
 *
 * @param kind always {@code identification}
 * @param provenance the model, data, settings and time that produced it
 * @param galleryPeople people enrolled, one image each
 * @param probes images of enrolled people searched against the gallery
 * @param strangers images of people with a single image, who are not enrolled
 * @param imagesWithoutFace the images in which no usable face was found: such a probe is never
 *     identified, such a stranger never accepted, such a gallery image matches nobody
 * @param rank1 the fraction of probes whose nearest gallery entry is their own person
 * @param rank5 the fraction of probes whose own person is among the 5 nearest
 * @param atModelThreshold the open-set decisions at the model's calibrated threshold, or null when
 *     the model has none
 * @param atFalseAcceptRates the open-set decisions at thresholds set by the strangers' false
 *     accepts; empty without strangers
 * @param embedSeconds wall-clock seconds spent finding and embedding faces
 */
public record IdentificationReport(
        String kind,
        Provenance provenance,
        int galleryPeople,
        int probes,
        int strangers,
        List<String> imagesWithoutFace,
        double rank1,
        double rank5,
        OpenSetPoint atModelThreshold,
        List<OpenSetPoint> atFalseAcceptRates,
        double embedSeconds) {

    /**
     * Open-set identification at one threshold: a probe is accepted as its nearest gallery person
     * when it is closer than the threshold.
     *
     * @param targetFalseAcceptRate the stranger false-accept rate asked for; null at the model's
     *     threshold
     * @param threshold the distance threshold
     * @param strangerFalseAcceptRate the fraction of strangers accepted as someone (null without
     *     strangers)
     * @param detectionAndIdentificationRate the fraction of probes accepted as their own person
     * @param misidentificationRate the fraction of probes accepted as someone else
     */
    public record OpenSetPoint(
            Double targetFalseAcceptRate,
            double threshold,
            Double strangerFalseAcceptRate,
            double detectionAndIdentificationRate,
            double misidentificationRate) {}

    /** A few lines for a person at a terminal. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(
                format(
                        "Identification by %s (%s) on %s%n",
                        provenance.model().name(),
                        VerificationReport.shortFingerprint(provenance.model().fingerprint()),
                        provenance.data().get("data")));
        text.append(
                format(
                        "  gallery %d people (one image each), %d probes, %d strangers, embedded"
                                + " in %.0f s%n",
                        galleryPeople, probes, strangers, embedSeconds));
        if (!imagesWithoutFace.isEmpty()) {
            text.append(format("  no face found in %d images%n", imagesWithoutFace.size()));
        }
        text.append(format("  rank-1: %.2f%%   rank-5: %.2f%%%n", 100 * rank1, 100 * rank5));
        if (atModelThreshold != null) {
            text.append(format("  at the model's threshold: %s%n", describe(atModelThreshold)));
        }
        for (OpenSetPoint point : atFalseAcceptRates) {
            text.append(
                    format(
                            "  at stranger FAR <= %s: %s%n",
                            point.targetFalseAcceptRate(), describe(point)));
        }
        return text.toString();
    }

    private static String describe(OpenSetPoint point) {
        String strangers =
                point.strangerFalseAcceptRate() == null
                        ? "no strangers"
                        : format(
                                "strangers accepted %.2f%%", 100 * point.strangerFalseAcceptRate());
        return format(
                "threshold %.4f, %s, detection-and-identification %.2f%%, misidentified %.2f%%",
                point.threshold(),
                strangers,
                100 * point.detectionAndIdentificationRate(),
                100 * point.misidentificationRate());
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
