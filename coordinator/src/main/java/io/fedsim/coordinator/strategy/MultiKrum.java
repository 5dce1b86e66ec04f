package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * Multi-Krum (Blanchard et al. 2017, "Machine Learning with Adversaries: Byzantine Tolerant Gradient
 * Descent"): step by eta times the plain mean of the m deltas with the lowest Krum scores, by default
 * {@code m = n - f}. Needs {@code n > 2f + 2} (and {@code n >= m} for a fixed m); a smaller round is
 * skipped. Unweighted: sample counts play no part. Metric: {@code selected_clients}, the m averaged.
 */
public final class MultiKrum implements Strategy {
    private final float serverLearningRate;
    private final Aggregator multiKrum;

    /** Keeps {@code m = n - f} of each round's n updates. */
    public MultiKrum(double serverLearningRate, int f) {
        this(serverLearningRate, f, 0);
    }

    /** @param keep m, the number of updates averaged each round, or 0 for {@code n - f} */
    public MultiKrum(double serverLearningRate, int f, int keep) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.multiKrum = Aggregators.multiKrum(f, keep);
    }

    @Override
    public String name() {
        return "multi-krum";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        return Aggregators.step(multiKrum, serverLearningRate, global, results, failures);
    }
}
