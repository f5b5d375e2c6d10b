package dev.facekit.evaluate;

/**
 * A finished verification evaluation: the report, and the scored pairs and ROC behind it, which the
 * charts draw.
 *
 * @param report the measured numbers with their provenance
 * @param scores the distance, label and fold of every evaluated pair
 * @param roc the ROC of all evaluated pairs
 */
public record VerificationResult(
        VerificationReport report, VerificationScores scores, RocCurve roc) {}
