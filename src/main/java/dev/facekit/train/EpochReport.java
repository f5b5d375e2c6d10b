package dev.facekit.train;

/**
 * What one epoch did, as logged and kept in the model's history.
 *
 * @param epoch the epoch number, from 1
 * @param loss mean triplet loss over the epoch's batches
 * @param classificationLoss mean auxiliary classification loss, 0 when it is off
 * @param activeTripletShare mean share of mined triplets still inside the margin
 * @param meanSameDistance mean Euclidean distance between same-person training images in a batch
 * @param meanDifferentDistance mean Euclidean distance between different-person training images
 * @param learningRate the learning rate at the epoch's last step
 * @param imagesPerSecond training speed, forward and backward, excluding validation
 * @param seconds wall time of the epoch including validation
 * @param validation how the epoch's network scored on the validation pairs
 */
public record EpochReport(
        int epoch,
        double loss,
        double classificationLoss,
        double activeTripletShare,
        double meanSameDistance,
        double meanDifferentDistance,
        double learningRate,
        double imagesPerSecond,
        double seconds,
        ValidationResult validation) {

    /** Whether this epoch beats another: higher validation accuracy, then higher AUC. */
    public boolean betterThan(EpochReport other) {
        if (other == null) {
            return true;
        }
        if (validation.accuracy() != other.validation.accuracy()) {
            return validation.accuracy() > other.validation.accuracy();
        }
        return validation.auc() > other.validation.auc();
    }
}
