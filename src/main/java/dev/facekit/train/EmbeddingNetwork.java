package dev.facekit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.facekit.embed.EngineInput;
import java.util.Arrays;
import java.util.List;

/**
 * The compact residual CNN that maps a face chip to an L2-normalised embedding.
 *
 * <p>Layout ({@value #ARCHITECTURE}): a 3x3 stride-2 stem with {@code 32} filters, then four stages
 * of one basic residual block each (two 3x3 convolutions with batch normalisation, ReLU, and a 1x1
 * projection shortcut where the shape changes) with {@code 32, 64, 128, 256} filters, stages 2-4
 * halving the resolution; then the head, a linear layer to the embedding size, batch normalisation,
 * and division by the L2 norm. The head is what the versions differ in:
 *
 * <ul>
 *   <li>version 1 ({@link #POOLED_VERSION}) averages each feature map to one number (global average
 *       pooling), as image classifiers do: 1.26M parameters;
 *   <li>version 2 ({@link #VERSION}, the default) keeps where on the face each feature was found:
 *       batch normalisation, dropout and the linear layer over the whole flattened 6x6 map (at 96
 *       px), the "BN-Dropout-FC-BN" output of ArcFace (Deng et al., 2019, section 4.2). Aligned
 *       faces put the eyes and mouth in fixed places, so position is information; the linear layer
 *       grows to 1.18M parameters (2.41M in all) but costs almost no time.
 * </ul>
 *
 * <p>The convolutions train at 70-120 images/s at 96 px on two CPU cores, where a 4.9M net managed
 * 20-30.
 *
 * <p>Saved weights load only into an identically built block (DJL names parameters by position), so
 * any change to this layout must change {@link #VERSION}.
 */
public final class EmbeddingNetwork {

    /** The architecture name written into every saved model. */
    public static final String ARCHITECTURE = "facekit-resnet10";

    /**
     * The layout new models get; bumped whenever the layout changes, so that weights are only ever
     * loaded into the layout they were trained with.
     */
    public static final int VERSION = 2;

    /** The first layout, with global average pooling before the embedding layer. */
    public static final int POOLED_VERSION = 1;

    /** Share of the flattened features version 2 drops while training. */
    static final float HEAD_DROPOUT = 0.2f;

    /** Chips per forward pass when embedding; larger batches are no faster per image on a CPU. */
    static final int INFERENCE_BATCH = 64;

    private static final int STEM_FILTERS = 32;
    private static final int[] STAGE_FILTERS = {32, 64, 128, 256};

    /** Keeps the norm away from zero so an all-zero output cannot divide by zero. */
    private static final float NORM_EPSILON = 1e-12f;

    private EmbeddingNetwork() {}

    /** Whether {@link #build} knows the layout of this version. */
    public static boolean supports(int version) {
        return version == POOLED_VERSION || version == VERSION;
    }

    /**
     * Builds an uninitialised network.
     *
     * @param version the layout, {@link #VERSION} or {@link #POOLED_VERSION}
     * @param embeddingSize length of the output vectors (128 in every model facekit trains)
     * @throws IllegalArgumentException for a version this code does not know
     */
    public static Block build(int version, int embeddingSize) {
        if (!supports(version)) {
            throw new IllegalArgumentException(
                    ARCHITECTURE
                            + " has no version "
                            + version
                            + "; this facekit knows versions "
                            + POOLED_VERSION
                            + " and "
                            + VERSION);
        }
        SequentialBlock net = new SequentialBlock();
        net.add(conv3x3(STEM_FILTERS, 2)).add(BatchNorm.builder().build()).add(Activation::relu);

        int inFilters = STEM_FILTERS;
        for (int stage = 0; stage < STAGE_FILTERS.length; stage++) {
            int stride = stage == 0 ? 1 : 2;
            net.add(residualBlock(inFilters, STAGE_FILTERS[stage], stride));
            inFilters = STAGE_FILTERS[stage];
        }

        if (version == POOLED_VERSION) {
            net.add(Pool.globalAvgPool2dBlock());
        } else {
            net.add(BatchNorm.builder().build());
            net.add(Dropout.builder().optRate(HEAD_DROPOUT).build());
            net.add(Blocks.batchFlattenBlock());
        }
        net.add(Linear.builder().setUnits(embeddingSize).build());
        // Centres every embedding dimension on the batch; without it the freshly initialised
        // network maps all faces into a narrow cone (spread ~0.15) and batch-hard mining
        // collapses it to one point before it learns anything.
        net.add(BatchNorm.builder().build());
        net.add(new LambdaBlock(EmbeddingNetwork::l2Normalise, "l2Normalise"));
        return net;
    }

    /**
     * Runs the network in inference mode (batch normalisation on its running statistics) over
     * chips, {@value #INFERENCE_BATCH} at a time.
     *
     * @param chips BGR chips of {@code sizePx^2 * 3} bytes, already framed and resized
     * @return one embedding per chip, in order
     */
    public static float[][] embed(Block block, NDManager manager, List<byte[]> chips, int sizePx) {
        float[][] embeddings = new float[chips.size()][];
        ParameterStore parameters = new ParameterStore(manager, false);
        int chipValues = 3 * sizePx * sizePx;
        for (int start = 0; start < chips.size(); start += INFERENCE_BATCH) {
            int n = Math.min(INFERENCE_BATCH, chips.size() - start);
            float[] values = new float[n * chipValues];
            for (int i = 0; i < n; i++) {
                ChipPreprocessing.writeTensor(chips.get(start + i), sizePx, values, i * chipValues);
            }
            try (NDManager batch = manager.newSubManager()) {
                NDArray input = EngineInput.create(batch, values, inputShape(n, sizePx));
                NDArray output = block.forward(parameters, new NDList(input), false).head();
                float[] flat = output.toFloatArray();
                int size = flat.length / n;
                for (int i = 0; i < n; i++) {
                    embeddings[start + i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
                }
            }
        }
        return embeddings;
    }

    /** The shape of one input batch: N x 3 (RGB) x size x size. */
    public static Shape inputShape(int batchSize, int inputSizePx) {
        return new Shape(batchSize, 3, inputSizePx, inputSizePx);
    }

    private static Block residualBlock(int inFilters, int outFilters, int stride) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(conv3x3(outFilters, stride))
                        .add(BatchNorm.builder().build())
                        .add(Activation::relu)
                        .add(conv3x3(outFilters, 1))
                        .add(BatchNorm.builder().build());
        Block shortcut =
                inFilters == outFilters && stride == 1
                        ? Blocks.identityBlock()
                        : new SequentialBlock()
                                .add(
                                        Conv2d.builder()
                                                .setKernelShape(new Shape(1, 1))
                                                .optStride(new Shape(stride, stride))
                                                .setFilters(outFilters)
                                                .optBias(false)
                                                .build())
                                .add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(new ParallelBlock(EmbeddingNetwork::sum, List.of(main, shortcut)))
                .add(Activation::relu);
    }

    private static Block conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    private static NDList sum(List<NDList> branches) {
        return new NDList(
                branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    private static NDList l2Normalise(NDList input) {
        NDArray x = input.singletonOrThrow();
        NDArray norm = x.square().sum(new int[] {1}, true).add(NORM_EPSILON).sqrt();
        return new NDList(x.div(norm));
    }
}
