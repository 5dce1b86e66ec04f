package io.fedsim.client;

import io.fedsim.core.data.Shard;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.rng.Rng;
import java.util.Map;
import java.util.Optional;

/**
 * The client half of SCAFFOLD (Karimireddy, Kale, Mohri, Reddi, Stich, Suresh 2020, "SCAFFOLD: Stochastic
 * Controlled Averaging for Federated Learning", ICML, Algorithm 1 with option II). A client keeps its control
 * variate c_i in its persistent state ({@link #CONTROL_VARIATE}, zero until its first SCAFFOLD round). Given
 * the server's c and the global model x it takes K local steps from y = x,
 * <pre>
 *   y    <- y - lr (g_i(y) - c_i + c)
 *   c_i+  = c_i - c + (x - y) / (K lr)          (option II: no extra gradient pass)
 * </pre>
 * stores c_i+, and reports delta_y = y - x and delta_c = c_i+ - c_i. The correction c - c_i estimates how far
 * the client's gradient drifts from the global one, so with it non-IID clients stop pulling the model apart.
 */
public final class ScaffoldClient {
    /** The name of c_i in the client's persistent state. */
    public static final String CONTROL_VARIATE = "scaffold.c_i";

    private ScaffoldClient() {
    }

    /**
     * One SCAFFOLD round on a client: trains with the correction c - c_i, replaces c_i in {@code state} by
     * c_i+ and returns the result with delta_c. {@code plan} must carry the server control variate.
     */
    static TrainResult train(ModelWorkspace workspace, float[] global, Shard shard, TrainingPlan plan, Rng rng,
                             Map<String, float[]> state) {
        float[] c = serverControl(plan.serverControl().orElseThrow(), global.length);
        float[] ci = state.getOrDefault(CONTROL_VARIATE, new float[global.length]);
        if (ci.length != global.length) {
            throw new IllegalStateException("the client's SCAFFOLD control variate has " + ci.length
                    + " entries but the model has " + global.length + " parameters");
        }
        TrainResult result = LocalTrainer.train(workspace, global, shard, plan, rng, Optional.of(correction(c, ci)));
        float[] next = nextControl(ci, c, result.delta(), result.steps(), plan.learningRate());
        state.put(CONTROL_VARIATE, next);
        return result.withControlDelta(difference(next, ci));
    }

    /** The plan's c, or zeros of the model's length for the empty array that stands for c = 0. */
    static float[] serverControl(float[] c, int length) {
        if (c.length == 0) {
            return new float[length];
        }
        if (c.length != length) {
            throw new IllegalArgumentException("the server control variate has " + c.length
                    + " entries but the model has " + length + " parameters");
        }
        return c;
    }

    /** The term every local step adds to its gradient: c - c_i. */
    public static float[] correction(float[] c, float[] ci) {
        return difference(c, ci);
    }

    /**
     * Option II's c_i+ = c_i - c + (x - y) / (K lr) = c_i - c - delta_y / (K lr), per coordinate in double;
     * a client that took no step (an empty shard) learned nothing and keeps c_i.
     */
    public static float[] nextControl(float[] ci, float[] c, float[] deltaY, int steps, float learningRate) {
        if (steps == 0) {
            return ci.clone();
        }
        double scale = 1.0 / ((double) steps * learningRate);
        float[] next = new float[ci.length];
        for (int j = 0; j < next.length; j++) {
            next[j] = (float) ((double) ci[j] - c[j] - deltaY[j] * scale);
        }
        return next;
    }

    /** {@code a - b}, as a new array. */
    static float[] difference(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = a[j] - b[j];
        }
        return out;
    }
}
