package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * Coordinate-wise median (Yin et al. 2018, "Byzantine-Robust Distributed Learning: Towards Optimal
 * Statistical Rates"): {@code w + eta * median_k(delta_k)}, per coordinate, the mean of the two middle
 * values for an even count. Unweighted: like every robust rule it ignores sample counts, since an
 * attacker could claim any count.
 */
public final class FedMedian implements Strategy {
    private final float serverLearningRate;
    private final Aggregator median = Aggregators.median();

    public FedMedian(double serverLearningRate) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
    }

    @Override
    public String name() {
        return "fedmedian";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        return Aggregators.step(median, serverLearningRate, global, results, failures);
    }
}
