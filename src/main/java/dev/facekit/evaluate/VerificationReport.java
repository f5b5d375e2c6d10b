package dev.facekit.evaluate;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of a verification evaluation, shaped for its JSON report. Absent parts are null.
 *
 * @param kind always {@code verification}
 * @param provenance the model, data, settings and time that produced it
 * @param protocol how the accuracy was measured, in words
 * @param samePairs the number of same-person pairs scored
 * @param differentPairs the number of different-person pairs scored
 * @param distinctImages the number of distinct images embedded
 * @param imagesWithoutFace the images in which no usable face was found; their pairs count as
 *     judged "different"
 * @param crossValidation accuracy with each fold's threshold chosen on the other folds, or null
 * @param fixedThreshold accuracy with one threshold chosen on a separate training pair file, or
 *     null
 * @param rocAuc the area under the ROC of all scored pairs
 * @param equalErrorRate the rate where false accepts equal false rejects
 * @param tarAtFar the true-accept rate at fixed false-accept rates
 * @param atModelThreshold the decisions at the model's own calibrated threshold, or null when the
 *     model has none
 * @param embedSeconds wall-clock seconds spent finding and embedding faces
 */
public record VerificationReport(
        String kind,
        Provenance provenance,
        String protocol,
        int samePairs,
        int differentPairs,
        int distinctImages,
        List<String> imagesWithoutFace,
        CrossValidation crossValidation,
        FixedThreshold fixedThreshold,
        double rocAuc,
        double equalErrorRate,
        List<OperatingPoint> tarAtFar,
        OperatingPoint atModelThreshold,
        double embedSeconds) {

    /**
     * Cross-validated accuracy.
     *
     * @param folds the number of folds
     * @param meanAccuracy the mean of the fold accuracies
     * @param standardDeviation their sample standard deviation
     * @param standardError the standard error of the mean
     * @param foldAccuracies each fold's accuracy
     * @param foldThresholds each fold's threshold, chosen on the other folds
     */
    public record CrossValidation(
            int folds,
            double meanAccuracy,
            double standardDeviation,
            double standardError,
            List<Double> foldAccuracies,
            List<Double> foldThresholds) {

        static CrossValidation of(FoldedAccuracy folded) {
            return new CrossValidation(
                    folded.accuracies().size(),
                    folded.mean(),
                    folded.standardDeviation(),
                    folded.standardError(),
                    folded.accuracies(),
                    folded.thresholds());
        }
    }

    /**
     * Accuracy with a threshold chosen once on separate training pairs.
     *
     * @param threshold the threshold, best on the training pairs
     * @param chosenOn the training pair file
     * @param trainingAccuracy the accuracy on the training pairs (optimistic by construction)
     * @param accuracy the accuracy on the evaluated pairs
     */
    public record FixedThreshold(
            double threshold, String chosenOn, double trainingAccuracy, double accuracy) {}

    /**
     * One operating point.
     *
     * @param targetFalseAcceptRate the false-accept rate asked for; null at the model's threshold
     * @param threshold the distance threshold
     * @param falseAcceptRate the false-accept rate reached
     * @param trueAcceptRate the true-accept rate reached
     * @param accuracy the accuracy over all pairs at this threshold
     */
    public record OperatingPoint(
            Double targetFalseAcceptRate,
            double threshold,
            double falseAcceptRate,
            double trueAcceptRate,
            double accuracy) {}

    /** A few lines for a person at a terminal. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(
                format(
                        "Verification of %s (%s) on %s%n",
                        provenance.model().name(),
                        shortFingerprint(provenance.model().fingerprint()),
                        provenance.data().get("pairs")));
        text.append(
                format(
                        "  %d same + %d different pairs, %d distinct images, embedded in %.0f s%n",
                        samePairs, differentPairs, distinctImages, embedSeconds));
        if (!imagesWithoutFace.isEmpty()) {
            text.append(
                    format(
                            "  no face found in %d images; their pairs are judged different%n",
                            imagesWithoutFace.size()));
        }
        text.append(format("  protocol: %s%n", protocol));
        if (crossValidation != null) {
            text.append(
                    format(
                            "  accuracy: %.2f%% +- %.2f (std over %d folds; standard error %.2f)%n",
                            100 * crossValidation.meanAccuracy(),
                            100 * crossValidation.standardDeviation(),
                            crossValidation.folds(),
                            100 * crossValidation.standardError()));
        }
        if (fixedThreshold != null) {
            text.append(
                    format(
                            "  accuracy: %.2f%% at threshold %.4f chosen on %s (%.2f%% there)%n",
                            100 * fixedThreshold.accuracy(),
                            fixedThreshold.threshold(),
                            fixedThreshold.chosenOn(),
                            100 * fixedThreshold.trainingAccuracy()));
        }
        text.append(
                format(
                        "  ROC AUC: %.5f   equal error rate: %.2f%%%n",
                        rocAuc, 100 * equalErrorRate));
        for (OperatingPoint point : tarAtFar) {
            text.append(
                    format(
                            "  TAR at FAR <= %s: %.2f%% (threshold %.4f, FAR %.4f%%)%n",
                            point.targetFalseAcceptRate(),
                            100 * point.trueAcceptRate(),
                            point.threshold(),
                            100 * point.falseAcceptRate()));
        }
        if (atModelThreshold != null) {
            text.append(
                    format(
                            "  at the model's threshold %.4f: accuracy %.2f%%, TAR %.2f%%, FAR"
                                    + " %.2f%%%n",
                            atModelThreshold.threshold(),
                            100 * atModelThreshold.accuracy(),
                            100 * atModelThreshold.trueAcceptRate(),
                            100 * atModelThreshold.falseAcceptRate()));
        }
        return text.toString();
    }

    static String shortFingerprint(String fingerprint) {
        return fingerprint == null || fingerprint.length() <= 12
                ? String.valueOf(fingerprint)
                : fingerprint.substring(0, 12);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
