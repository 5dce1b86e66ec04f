package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * Multi-Krum (Blanchard et al. 2017, "Machine Learning with Adversaries: Byzantine Tolerant Gradient
 * Descent"): step by eta times the plain mean of the m deltas with the lowest Krum scores, by default
 * {@code m = n - f}. Needs {@code n > 2f + 2} (and {@code n >= m} for a fixed m); a smaller round is
 * skipped. Unweighted: sample counts play no part. Metric: {@code selected_clients}, the m averaged.
 */
public final class MultiKrum implements Strategy {
    private final float serverLearningRate;
    private final int f;
    private final int keep;

    /** Keeps {@code m = n - f} of each round's n updates. */
    public MultiKrum(double serverLearningRate, int f) {
        this(serverLearningRate, f, 0);
    }

    /** @param keep m, the number of updates averaged each round, or 0 for {@code n - f} */
    public MultiKrum(double serverLearningRate, int f, int keep) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.f = Kernels.byzantineClients(f);
        if (keep < 0) {
            throw new IllegalArgumentException("multi-krum m must be >= 1, or 0 for n - f, was " + keep);
        }
        this.keep = keep;
    }

    @Override
    public String name() {
        return "multi-krum";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        int needed = Math.max(2 * f + 3, keep);
        if (results.size() < needed) {
            return new RoundOutcome.Skipped("multi-krum with f = " + f + (keep > 0 ? " and m = " + keep : "")
                    + " needs at least " + needed + " updates, got " + results.size());
        }
        int m = keep > 0 ? keep : results.size() - f;
        float[] mean = RobustKernels.multiKrum(Kernels.deltas(results), f, m);
        return new RoundOutcome.Aggregated(Kernels.plusScaled(global, mean, serverLearningRate),
                Map.of("selected_clients", (double) m));
    }
}
