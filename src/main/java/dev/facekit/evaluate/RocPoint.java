package dev.facekit.evaluate;

/**
 * One operating point of a verifier: the threshold and what it accepts.
 *
 * @param threshold pairs with a distance below this are judged "same person"
 * @param falseAcceptRate the fraction of different-person pairs accepted (FAR)
 * @param trueAcceptRate the fraction of same-person pairs accepted (TAR, 1 - FRR)
 */
public record RocPoint(double threshold, double falseAcceptRate, double trueAcceptRate) {}
