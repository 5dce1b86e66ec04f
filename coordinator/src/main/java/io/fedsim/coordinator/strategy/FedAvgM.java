package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * Federated averaging with server momentum (Hsu, Qi, Brown 2019, "Measuring the Effects of Non-Identical
 * Data Distribution for Federated Visual Classification"). With the pseudo-gradient Delta_t, the weighted
 * mean of the client deltas:
 * <pre>
 *   v_t     = momentum * v_{t-1} + Delta_t        (v_{-1} = 0)
 *   w_{t+1} = w_t + eta * v_t
 * </pre>
 * With momentum 0 it is {@link FedAvg} with server learning rate eta. The velocity v is the state
 * ({@link #state()}: {@code "velocity"}); a skipped round leaves it untouched. With another {@link Aggregator}
 * than the mean (a robust rule), Delta_t is that rule's aggregate and the round reports the rule's metrics.
 */
public final class FedAvgM implements Strategy {
    private static final String VELOCITY = "velocity";

    private final double serverLearningRate;
    private final double momentum;
    private final Aggregator aggregator;
    private float[] velocity;

    /**
     * @param serverLearningRate eta, > 0
     * @param momentum           the velocity's decay, in [0, 1)
     */
    public FedAvgM(double serverLearningRate, double momentum) {
        this(serverLearningRate, momentum, Aggregators.mean());
    }

    /** With Delta_t from {@code aggregator} instead of the weighted mean. */
    public FedAvgM(double serverLearningRate, double momentum, Aggregator aggregator) {
        if (!(serverLearningRate > 0)) {
            throw new IllegalArgumentException("server learning rate must be > 0, was " + serverLearningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        this.serverLearningRate = serverLearningRate;
        this.momentum = momentum;
        this.aggregator = java.util.Objects.requireNonNull(aggregator, "aggregator");
    }

    @Override
    public String name() {
        return "fedavgm";
    }

    @Override
    public boolean averagesUpdates() {
        return aggregator.averagesUpdates();
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        Aggregator.Result aggregate = aggregator.aggregate(results, failures, global.length);
        if (!(aggregate instanceof Aggregator.Combined combined)) {
            return new RoundOutcome.Skipped(((Aggregator.Skipped) aggregate).reason());
        }
        float[] delta = combined.delta();
        float[] v = velocity == null ? new float[global.length] : velocity.clone();
        ServerOptimizers.checkLength(v, global.length, name());
        float[] next = new float[global.length];
        for (int i = 0; i < next.length; i++) {
            v[i] = (float) (momentum * v[i] + delta[i]);
            next[i] = (float) (global[i] + serverLearningRate * v[i]);
        }
        velocity = v;
        return new RoundOutcome.Aggregated(next, combined.metrics());
    }

    @Override
    public Map<String, float[]> state() {
        return velocity == null ? Map.of() : ServerOptimizers.copy(Map.of(VELOCITY, velocity));
    }

    @Override
    public void restore(Map<String, float[]> state) {
        velocity = state.isEmpty() ? null : ServerOptimizers.take(state, name(), VELOCITY)[0];
    }
}
