package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.facekit.embed.OfflineEngine;
import org.junit.jupiter.api.Test;

class ScheduledAdamTest {

    @Test
    void anUpdateLeavesNoNewArraysOnTheWeightsManager() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            NDArray weight = manager.create(new float[] {1, -2, 3, 0.5f});
            NDArray gradient = manager.create(new float[] {0.1f, 0.2f, -0.3f, 0});
            ScheduledAdam adam = new ScheduledAdam(1e-3f, 0.02f, 2, 100, 5e-5f);
            adam.beginStep();
            adam.update("w", weight, gradient);
            int afterFirst = manager.getManagedArrays().size();

            for (int i = 0; i < 20; i++) {
                adam.beginStep();
                adam.update("w", weight, gradient);
            }

            // The first update creates the two moment estimates; later ones must add nothing.
            assertEquals(afterFirst, manager.getManagedArrays().size());
        }
    }

    @Test
    void firstStepMovesEachWeightAgainstItsGradientByTheRate() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            NDArray weight = manager.create(new float[] {1, 1});
            NDArray gradient = manager.create(new float[] {0.5f, -0.5f});
            ScheduledAdam adam = new ScheduledAdam(1e-3f, 0.02f, 0, 100, 0);
            adam.beginStep();
            float rate = adam.currentRate();

            adam.update("w", weight, gradient);

            // Adam's first step is the rate times the sign of the gradient (bias-corrected).
            assertEquals(1 - rate, weight.getFloat(0), 1e-6);
            assertEquals(1 + rate, weight.getFloat(1), 1e-6);
        }
    }
}
