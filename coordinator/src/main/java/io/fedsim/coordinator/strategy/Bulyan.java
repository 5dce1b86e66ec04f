package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * Bulyan (El Mhamdi et al. 2018, "The Hidden Vulnerability of Distributed Learning in Byzantium"): choose
 * {@code theta = n - 2f} deltas by repeated Krum, then per coordinate average the
 * {@code theta - 2f} chosen values closest to their median, and step by eta times that. Needs
 * {@code n >= 4f + 3}; a smaller round is skipped. Unweighted: sample counts play no part.
 * Metric: {@code selected_clients}, theta.
 */
public final class Bulyan implements Strategy {
    private final float serverLearningRate;
    private final Aggregator bulyan;

    /** @param f the number of byzantine clients to tolerate */
    public Bulyan(double serverLearningRate, int f) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.bulyan = Aggregators.bulyan(f);
    }

    @Override
    public String name() {
        return "bulyan";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        return Aggregators.step(bulyan, serverLearningRate, global, results, failures);
    }
}
