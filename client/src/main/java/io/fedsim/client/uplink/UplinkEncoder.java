package io.fedsim.client.uplink;

import io.fedsim.core.rng.Rng;
import java.util.Map;

/**
 * Turns a client's update into the message it sends. For top-k with error feedback the client adds the
 * residual it kept from its last round to this round's update, sends the top k coordinates of the sum
 * and keeps the rest as the next residual, in its persistent state under {@link #RESIDUAL}; so nothing
 * is lost, only delayed.
 */
public final class UplinkEncoder {
    /** The name of the error-feedback residual in a client's persistent state. */
    public static final String RESIDUAL = "error-feedback";

    private UplinkEncoder() {
    }

    /**
     * @param state the client's persistent state (read and updated for error feedback)
     * @param rng   the generator for stochastic quantisation: (seed, "quantise", round, client)
     */
    public static byte[] encode(float[] delta, Compression compression, Map<String, float[]> state, Rng rng) {
        return switch (compression.uplink()) {
            case NONE -> WireFormat.dense(delta);
            case Q8 -> StochasticQuantiser.encode(delta, 8, rng);
            case Q4 -> StochasticQuantiser.encode(delta, 4, rng);
            case TOPK -> sparsify(delta, compression, state);
        };
    }

    private static byte[] sparsify(float[] delta, Compression compression, Map<String, float[]> state) {
        float[] v = delta.clone();
        float[] residual = compression.errorFeedback() ? state.get(RESIDUAL) : null;
        if (residual != null && residual.length == v.length) {
            for (int i = 0; i < v.length; i++) {
                v[i] += residual[i];
            }
        }
        int[] indices = TopK.select(v, TopK.count(compression.topkFraction(), v.length));
        float[] values = new float[indices.length];
        for (int j = 0; j < indices.length; j++) {
            values[j] = v[indices[j]];
            v[indices[j]] = 0;
        }
        if (compression.errorFeedback()) {
            state.put(RESIDUAL, v); // what was not sent
        }
        return WireFormat.sparse(delta.length, indices, values);
    }
}
