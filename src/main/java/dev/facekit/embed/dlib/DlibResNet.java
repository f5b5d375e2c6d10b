package dev.facekit.embed.dlib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * dlib's face recognition ResNet ({@code dlib_face_recognition_resnet_model_v1}), a 29-layer
 * residual network that maps a 150x150 RGB face chip to a 128-d descriptor.
 *
 * <p>The layers, for an input of shape (N, 3, 150, 150), channels first:
 *
 * <ol>
 *   <li>a 7x7 convolution with 32 filters, stride 2, no padding (72x72), then ReLU and a 3x3 max
 *       pooling with stride 2 (35x35);
 *   <li>14 residual blocks of two 3x3 convolutions: 3 at 32 channels, then 4 at 64 (17x17), 3 at
 *       128 (8x8) and 4 at 256 (4x4, and 2x2 after the last), where the first block of each group
 *       and the very last block halve the size (see {@link Residual});
 *   <li>the mean over the remaining 2x2 positions, and a 256 -> 128 linear map without bias.
 * </ol>
 *
 * <p>The output is dlib's raw descriptor: not normalised. dlib judges two faces the same person
 * when the Euclidean distance between their descriptors is below 0.6.
 *
 * <p>In dlib each convolution is followed by a per-channel affine layer ({@code y = a x + b}, what
 * batch normalisation becomes after training). Here that layer is folded into the convolution's
 * weights and bias when the weights are loaded ({@link #loadWeights}), which saves one pass over
 * every activation and changes results by float rounding only.
 */
public final class DlibResNet extends AbstractBlock {

    /** The side of the square input chip, in pixels. */
    public static final int INPUT_SIZE_PX = 150;

    /** The length of a descriptor. */
    public static final int DESCRIPTOR_SIZE = 128;

    /** The width of the last residual group, the length of the pooled feature vector. */
    private static final int FEATURES = 256;

    private static final byte VERSION = 1;

    private final Conv2d stem;
    private final List<Residual> residuals = new ArrayList<>();
    private final Linear projection;

    /** Builds the network with uninitialised parameters. */
    public DlibResNet() {
        super(VERSION);
        stem = addChildBlock("conv32_down", convolution(32, 7, 2, 0));
        addResidual("conv32_1", 32, false);
        addResidual("conv32_2", 32, false);
        addResidual("conv32_3", 32, false);
        addResidual("conv64_down", 64, true);
        addResidual("conv64_1", 64, false);
        addResidual("conv64_2", 64, false);
        addResidual("conv64_3", 64, false);
        addResidual("conv128_down", 128, true);
        addResidual("conv128_1", 128, false);
        addResidual("conv128_2", 128, false);
        addResidual("conv256_down", FEATURES, true);
        addResidual("conv256_1", FEATURES, false);
        addResidual("conv256_2", FEATURES, false);
        addResidual("conv256_down_out", FEATURES, true);
        projection =
                addChildBlock(
                        "fc", Linear.builder().setUnits(DESCRIPTOR_SIZE).optBias(false).build());
    }

    /**
     * Creates the network's parameters in {@code manager} and fills them from the TensorFlow.js
     * weights that {@code @vladmandic/face-api} ships ({@code face_recognition_model}).
     *
     * @throws IllegalArgumentException if a tensor is missing or has an unexpected shape
     */
    public void loadWeights(NDManager manager, TensorflowJsWeights weights) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 3, INPUT_SIZE_PX, INPUT_SIZE_PX));
        freezeParameters(true);
        loadConvolution(stem, weights, "conv32_down", 3, 7);
        for (Residual residual : residuals) {
            residual.loadWeights(weights);
        }
        float[] fc = weights.tensor("fc", FEATURES, DESCRIPTOR_SIZE).values();
        // TensorFlow stores the matrix as (in, out); DJL's Linear keeps (out, in).
        float[] outByIn = new float[fc.length];
        for (int in = 0; in < FEATURES; in++) {
            for (int out = 0; out < DESCRIPTOR_SIZE; out++) {
                outByIn[out * FEATURES + in] = fc[in * DESCRIPTOR_SIZE + out];
            }
        }
        projection.getParameters().get("weight").getArray().set(outByIn);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = stem.forward(store, inputs, training).singletonOrThrow();
        x = Activation.relu(x);
        x = Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
        for (Residual residual : residuals) {
            x = residual.forward(store, x, training);
        }
        NDArray pooled = Pool.globalAvgPool2d(x);
        return projection.forward(store, new NDList(pooled), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), DESCRIPTOR_SIZE)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        stem.initialize(manager, dataType, shape);
        shape = stem.getOutputShapes(new Shape[] {shape})[0];
        long pooledSide = (shape.get(2) - 3) / 2 + 1;
        shape = new Shape(shape.get(0), shape.get(1), pooledSide, pooledSide);
        for (Residual residual : residuals) {
            shape = residual.initialize(manager, dataType, shape);
        }
        projection.initialize(manager, dataType, new Shape(shape.get(0), shape.get(1)));
    }

    private void addResidual(String name, int channels, boolean down) {
        residuals.add(
                new Residual(
                        name,
                        addChildBlock(
                                name + "_conv1",
                                down
                                        ? convolution(channels, 3, 2, 0)
                                        : convolution(channels, 3, 1, 1)),
                        addChildBlock(name + "_conv2", convolution(channels, 3, 1, 1)),
                        down));
    }

    /** A square convolution with bias; padding 0 is TensorFlow's "valid", 1 its "same" at 3x3. */
    private static Conv2d convolution(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(true)
                .build();
    }

    /**
     * Loads one convolution and the affine layer after it, folding the affine layer in: with
     * filters {@code w}, bias {@code c}, scale {@code a} and shift {@code b} per output channel,
     * {@code a (w * x + c) + b = (a w) * x + (a c + b)}. The filters are converted from
     * TensorFlow's (height, width, in, out) order to DJL's (out, in, height, width).
     */
    private static void loadConvolution(
            Conv2d convolution, TensorflowJsWeights weights, String prefix, int in, int kernel) {
        int out = Math.toIntExact(convolution.getParameters().get("bias").getArray().size());
        float[] hwio = weights.tensor(prefix + "/conv/filters", kernel, kernel, in, out).values();
        float[] bias = weights.tensor(prefix + "/conv/bias", out).values();
        float[] scale = weights.tensor(prefix + "/scale/weights", out).values();
        float[] shift = weights.tensor(prefix + "/scale/biases", out).values();

        float[] oihw = new float[hwio.length];
        for (int y = 0; y < kernel; y++) {
            for (int x = 0; x < kernel; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        double value = hwio[((y * kernel + x) * in + i) * out + o];
                        oihw[((o * in + i) * kernel + y) * kernel + x] = (float) (value * scale[o]);
                    }
                }
            }
        }
        float[] foldedBias = new float[out];
        for (int o = 0; o < out; o++) {
            foldedBias[o] = (float) ((double) bias[o] * scale[o] + shift[o]);
        }
        convolution.getParameters().get("weight").getArray().set(oihw);
        convolution.getParameters().get("bias").getArray().set(foldedBias);
    }

    /**
     * One residual block: {@code relu(conv2(relu(conv1(x))) + shortcut(x))}, where the convolutions
     * carry their folded affine layers.
     *
     * <p>In a downsampling block {@code conv1} has stride 2 and no padding, and the shortcut is a
     * 2x2 average pooling with stride 2, padded with zero channels up to the block's width. Where
     * the pooled shortcut is one pixel larger than the convolution path (8 -> 4 against 3, and 4 ->
     * 2 against 1), the convolution path gets a zero row at the bottom and a zero column at the
     * right, as in dlib.
     */
    private static final class Residual {

        private final String name;
        private final Conv2d conv1;
        private final Conv2d conv2;
        private final boolean down;
        private long inChannels;

        Residual(String name, Conv2d conv1, Conv2d conv2, boolean down) {
            this.name = name;
            this.conv1 = conv1;
            this.conv2 = conv2;
            this.down = down;
        }

        Shape initialize(NDManager manager, DataType dataType, Shape input) {
            inChannels = input.get(1);
            conv1.initialize(manager, dataType, input);
            Shape middle = conv1.getOutputShapes(new Shape[] {input})[0];
            conv2.initialize(manager, dataType, middle);
            Shape output = conv2.getOutputShapes(new Shape[] {middle})[0];
            if (down) {
                long pooledSide = input.get(2) / 2;
                return new Shape(output.get(0), output.get(1), pooledSide, pooledSide);
            }
            return output;
        }

        void loadWeights(TensorflowJsWeights weights) {
            int in = Math.toIntExact(inChannels);
            int out = Math.toIntExact(conv2.getParameters().get("bias").getArray().size());
            loadConvolution(conv1, weights, name + "/conv1", in, 3);
            loadConvolution(conv2, weights, name + "/conv2", out, 3);
        }

        NDArray forward(ParameterStore store, NDArray x, boolean training) {
            NDArray path = conv1.forward(store, new NDList(x), training).singletonOrThrow();
            path = Activation.relu(path);
            path = conv2.forward(store, new NDList(path), training).singletonOrThrow();
            NDArray shortcut = down ? downsample(x, path.getShape().get(1)) : x;
            path = padToSide(path, shortcut.getShape().get(2));
            return Activation.relu(path.add(shortcut));
        }

        private static NDArray downsample(NDArray x, long channels) {
            NDArray pooled =
                    Pool.avgPool2d(
                            x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
            Shape shape = pooled.getShape();
            long missing = channels - shape.get(1);
            if (missing == 0) {
                return pooled;
            }
            NDArray zeros =
                    x.getManager()
                            .zeros(new Shape(shape.get(0), missing, shape.get(2), shape.get(3)));
            return pooled.concat(zeros, 1);
        }

        private static NDArray padToSide(NDArray path, long side) {
            Shape shape = path.getShape();
            if (shape.get(2) == side) {
                return path;
            }
            NDManager manager = path.getManager();
            NDArray row = manager.zeros(new Shape(shape.get(0), shape.get(1), 1, shape.get(3)));
            NDArray taller = path.concat(row, 2);
            NDArray column = manager.zeros(new Shape(shape.get(0), shape.get(1), side, 1));
            return taller.concat(column, 3);
        }
    }
}
