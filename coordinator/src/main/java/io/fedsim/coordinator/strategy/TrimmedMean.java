package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018, "Byzantine-Robust Distributed Learning: Towards Optimal
 * Statistical Rates"): per coordinate, drop the {@code floor(beta * n)} smallest and largest deltas and
 * step by eta times the mean of the rest. Unweighted: robust rules ignore sample counts, which an
 * attacker could inflate. With {@code floor(beta * n) = 0} it is the plain mean; the metric
 * {@code trimmed_per_side} records how many values each end lost.
 */
public final class TrimmedMean implements Strategy {
    private final float serverLearningRate;
    private final Aggregator trimmedMean;

    /** @param beta the fraction trimmed from each end, in [0, 0.5) */
    public TrimmedMean(double serverLearningRate, double beta) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.trimmedMean = Aggregators.trimmedMean(beta);
    }

    @Override
    public String name() {
        return "trimmed-mean";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        return Aggregators.step(trimmedMean, serverLearningRate, global, results, failures);
    }
}
