package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018, "Byzantine-Robust Distributed Learning: Towards Optimal
 * Statistical Rates"): per coordinate, drop the {@code floor(beta * n)} smallest and largest deltas and
 * step by eta times the mean of the rest. Unweighted: robust rules ignore sample counts, which an
 * attacker could inflate. With {@code floor(beta * n) = 0} it is the plain mean; the metric
 * {@code trimmed_per_side} records how many values each end lost.
 */
public final class TrimmedMean implements Strategy {
    private final float serverLearningRate;
    private final double beta;

    /** @param beta the fraction trimmed from each end, in [0, 0.5) */
    public TrimmedMean(double serverLearningRate, double beta) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        RobustKernels.trimmedPerSide(1, beta);
        this.beta = beta;
    }

    @Override
    public String name() {
        return "trimmed-mean";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        if (results.isEmpty()) {
            return new RoundOutcome.Skipped("trimmed-mean needs at least 1 update, got 0 ("
                    + failures.size() + " failed or timed out)");
        }
        float[] mean = RobustKernels.trimmedMean(Kernels.deltas(results), beta);
        Map<String, Double> metrics = Map.of("trimmed_per_side", (double) RobustKernels.trimmedPerSide(results.size(), beta));
        return new RoundOutcome.Aggregated(Kernels.plusScaled(global, mean, serverLearningRate), metrics);
    }
}
