package dev.facekit.train;

import java.util.List;

/**
 * The bookkeeping saved with each epoch's checkpoint, beside the weights and optimiser moments, so
 * {@code --resume} continues the run exactly: same settings, same data, next epoch.
 *
 * @param settings the run's settings
 * @param trainingDataFingerprint fingerprint of the training images
 * @param validationSource where the validation pairs came from
 * @param completedEpochs epochs finished
 * @param optimizerStep optimiser steps taken
 * @param bestEpoch the best epoch so far (its weights are the saved model)
 * @param history the reports of the finished epochs
 * @param trainingSeconds training time so far, across resumptions
 */
record CheckpointState(
        TrainingSettings settings,
        String trainingDataFingerprint,
        String validationSource,
        int completedEpochs,
        long optimizerStep,
        int bestEpoch,
        List<EpochReport> history,
        double trainingSeconds) {}
