package dev.facekit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What the trainer optimises: the {@link EmbeddingNetwork}, and, when the auxiliary classification
 * loss is on, a matrix of one unit-length direction per training person. Its outputs are the
 * embeddings and, with classes, their cosine similarity to every direction. Only the embedding
 * network is saved as the model; the directions exist only for training.
 */
final class TrainingNetwork extends AbstractBlock {

    private static final float NORM_EPSILON = 1e-12f;

    private final Block embedding;
    private final Parameter classDirections;

    /**
     * @param embedding the embedding network
     * @param classes number of training people for the classification loss, 0 for none
     * @param embeddingSize the embedding length
     */
    TrainingNetwork(Block embedding, int classes, int embeddingSize) {
        this.embedding = addChildBlock("embedding", embedding);
        this.classDirections =
                classes == 0
                        ? null
                        : addParameter(
                                Parameter.builder()
                                        .setName("classDirections")
                                        .setType(Parameter.Type.WEIGHT)
                                        .optShape(new Shape(classes, embeddingSize))
                                        .build());
    }

    /** The embedding network alone, as saved in the model. */
    Block embedding() {
        return embedding;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList embeddings = embedding.forward(parameterStore, inputs, training, params);
        if (classDirections == null) {
            return embeddings;
        }
        NDArray e = embeddings.head();
        NDArray w = parameterStore.getValue(classDirections, e.getDevice(), training);
        // The result of an operation belongs to its first operand's manager, and w's lives as long
        // as the model: left there, each step's 4 MB of normalised directions were never freed.
        NDManager batch = e.getManager();
        NDArray squared = onBatch(w.square(), batch);
        NDArray norms = squared.sum(new int[] {1}, true).add(NORM_EPSILON).sqrt();
        NDArray unit = onBatch(w.div(norms), batch);
        return new NDList(e, e.matMul(unit.transpose()));
    }

    private static NDArray onBatch(NDArray array, NDManager batch) {
        array.attach(batch);
        return array;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] embedded = embedding.getOutputShapes(inputShapes);
        if (classDirections == null) {
            return embedded;
        }
        return new Shape[] {
            embedded[0], new Shape(embedded[0].get(0), classDirections.getShape().get(0))
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes);
    }
}
