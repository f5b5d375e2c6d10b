package dev.facekit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) with a linear warm-up and a cosine decay of the learning rate, whose
 * moment estimates can be saved and restored, so a resumed run continues exactly where the
 * interrupted one stopped. DJL's own Adam keeps its state private, hence this class.
 *
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
 *   w = w - lr(t) (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 *   lr(t) = lr t / warmup                                   for t &lt;= warmup
 *         = lr (f + (1 - f) (1 + cos(pi (t - warmup) / (T - warmup))) / 2)   after
 * </pre>
 *
 * where {@code f} is the final fraction of the rate and {@code T} the total number of steps. Weight
 * decay, when set, is added to the gradient as {@code decay * w} (classic L2 regularisation).
 */
public final class ScheduledAdam extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final float finalFraction;
    private final long warmupSteps;
    private final long totalSteps;
    private final float weightDecay;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private long step;

    /**
     * @param learningRate the peak rate, reached after warm-up (1e-3 is Adam's usual default)
     * @param finalFraction the rate at the last step as a fraction of the peak
     * @param warmupSteps steps of linear warm-up from zero
     * @param totalSteps steps the whole run will take
     * @param weightDecay L2 regularisation strength, 0 for none
     */
    public ScheduledAdam(
            float learningRate,
            float finalFraction,
            long warmupSteps,
            long totalSteps,
            float weightDecay) {
        super(new Builder());
        this.learningRate = learningRate;
        this.finalFraction = finalFraction;
        this.warmupSteps = warmupSteps;
        this.totalSteps = Math.max(totalSteps, warmupSteps + 1);
        this.weightDecay = weightDecay;
    }

    /** Call once before each training step; the step count drives the schedule. */
    public void beginStep() {
        step++;
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** The learning rate at the current step. */
    public float currentRate() {
        if (step <= warmupSteps) {
            return learningRate * step / Math.max(1, warmupSteps);
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        double cosine = (1 + Math.cos(Math.PI * progress)) / 2;
        return (float) (learningRate * (finalFraction + (1 - finalFraction) * cosine));
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (step == 0) {
            throw new IllegalStateException("beginStep() must be called before the first update");
        }
        NDArray mean = means.computeIfAbsent(parameterId, id -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, id -> weight.zerosLike());
        try (NDManager scratch = weight.getManager().newSubManager()) {
            NDArray g = grad;
            if (weightDecay > 0) {
                g = scratch(scratch, scratch(scratch, weight.mul(weightDecay)).addi(grad));
            }
            mean.muli(BETA1).addi(scratch(scratch, g.mul(1 - BETA1)));
            variance.muli(BETA2).addi(scratch(scratch, g.square().muli(1 - BETA2)));

            double correction1 = 1 - Math.pow(BETA1, step);
            double correction2 = 1 - Math.pow(BETA2, step);
            NDArray denominator =
                    scratch(scratch, variance.div((float) correction2)).sqrt().addi(EPSILON);
            NDArray change =
                    scratch(scratch, mean.mul((float) (currentRate() / correction1)))
                            .divi(denominator);
            weight.subi(change);
        }
    }

    /** Moves a temporary array into the scratch manager so it is freed with it. */
    private static NDArray scratch(NDManager scratch, NDArray array) {
        array.attach(scratch);
        return array;
    }

    /**
     * The moment estimates of the given parameters, in their order: m, v, m, v, ...; parameters not
     * yet updated give zeros.
     */
    public NDList state(List<String> parameterIds, List<NDArray> weights) {
        NDList list = new NDList();
        for (int i = 0; i < parameterIds.size(); i++) {
            NDArray weight = weights.get(i);
            list.add(means.computeIfAbsent(parameterIds.get(i), id -> weight.zerosLike()));
            list.add(variances.computeIfAbsent(parameterIds.get(i), id -> weight.zerosLike()));
        }
        return list;
    }

    /** Restores what {@link #state} returned, for the same parameters in the same order. */
    public void restore(
            List<String> parameterIds, List<NDArray> weights, NDList state, long steps) {
        if (state.size() != 2 * parameterIds.size()) {
            throw new IllegalArgumentException(
                    "optimiser state holds "
                            + state.size()
                            + " arrays for "
                            + parameterIds.size()
                            + " parameters");
        }
        for (int i = 0; i < parameterIds.size(); i++) {
            NDManager manager = weights.get(i).getManager();
            NDArray mean = state.get(2 * i).toDevice(weights.get(i).getDevice(), true);
            NDArray variance = state.get(2 * i + 1).toDevice(weights.get(i).getDevice(), true);
            mean.attach(manager);
            variance.attach(manager);
            means.put(parameterIds.get(i), mean);
            variances.put(parameterIds.get(i), variance);
        }
        this.step = steps;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
