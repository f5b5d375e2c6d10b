package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.facekit.embed.OfflineEngine;
import org.junit.jupiter.api.Test;

class TrainingNetworkTest {

    private static final int PEOPLE = 50;
    private static final int SIZE_PX = 96;

    @Test
    void aTrainingForwardPassLeavesNoArraysOnTheParametersManager() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            TrainingNetwork network = initialisedNetwork(manager);
            ParameterStore parameters = new ParameterStore(manager, false);
            forwardOnce(network, parameters, manager);
            int afterFirst = manager.getManagedArrays().size();

            for (int i = 0; i < 5; i++) {
                forwardOnce(network, parameters, manager);
            }

            // Everything a pass computes belongs to the batch and goes when the batch is closed.
            assertEquals(afterFirst, manager.getManagedArrays().size());
        }
    }

    @Test
    void givesEmbeddingsAndTheirCosineToEveryPersonsDirection() {
        try (NDManager manager = OfflineEngine.pytorch().newBaseManager()) {
            TrainingNetwork network = initialisedNetwork(manager);
            try (NDManager batch = manager.newSubManager()) {
                NDList chips =
                        new NDList(batch.randomNormal(EmbeddingNetwork.inputShape(4, SIZE_PX)));
                NDList outputs = network.forward(new ParameterStore(manager, false), chips, true);

                assertEquals(4, outputs.head().getShape().get(0));
                assertEquals(128, outputs.head().getShape().get(1));
                float[] cosines = outputs.get(1).toFloatArray();
                assertEquals(4 * PEOPLE, cosines.length);
                for (float cosine : cosines) {
                    assertEquals(0, cosine, 1 + 1e-5, "a cosine lies in [-1, 1]");
                }
            }
        }
    }

    private static TrainingNetwork initialisedNetwork(NDManager manager) {
        TrainingNetwork network =
                new TrainingNetwork(
                        EmbeddingNetwork.build(EmbeddingNetwork.VERSION, 128), PEOPLE, 128);
        network.initialize(manager, DataType.FLOAT32, EmbeddingNetwork.inputShape(4, SIZE_PX));
        return network;
    }

    private static void forwardOnce(
            TrainingNetwork network, ParameterStore parameters, NDManager manager) {
        try (NDManager batch = manager.newSubManager()) {
            network.forward(
                    parameters,
                    new NDList(batch.randomNormal(EmbeddingNetwork.inputShape(4, SIZE_PX))),
                    true);
        }
    }
}
