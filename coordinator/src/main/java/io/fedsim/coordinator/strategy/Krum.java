package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * Krum (Blanchard et al. 2017, "Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent"):
 * step by eta times the one delta whose {@code n - f - 2} nearest neighbours are closest (lowest sum of
 * squared distances; ties to the lowest client id). Tolerates f byzantine clients when
 * {@code n > 2f + 2}; a smaller round is skipped. Unweighted: sample counts play no part.
 * Metrics: {@code selected_clients} (always 1) and {@code selected_client_id}.
 */
public final class Krum implements Strategy {
    private final float serverLearningRate;
    private final Aggregator krum;

    /** @param f the number of byzantine clients to tolerate */
    public Krum(double serverLearningRate, int f) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.krum = Aggregators.krum(f);
    }

    @Override
    public String name() {
        return "krum";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        return Aggregators.step(krum, serverLearningRate, global, results, failures);
    }
}
