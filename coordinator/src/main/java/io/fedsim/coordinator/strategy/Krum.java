package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * Krum (Blanchard et al. 2017, "Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent"):
 * step by eta times the one delta whose {@code n - f - 2} nearest neighbours are closest (lowest sum of
 * squared distances; ties to the lowest client id). Tolerates f byzantine clients when
 * {@code n > 2f + 2}; a smaller round is skipped. Unweighted: sample counts play no part.
 * Metrics: {@code selected_clients} (always 1) and {@code selected_client_id}.
 */
public final class Krum implements Strategy {
    private final float serverLearningRate;
    private final int f;

    /** @param f the number of byzantine clients to tolerate */
    public Krum(double serverLearningRate, int f) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.f = Kernels.byzantineClients(f);
    }

    @Override
    public String name() {
        return "krum";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        int needed = 2 * f + 3;
        if (results.size() < needed) {
            return new RoundOutcome.Skipped("krum with f = " + f + " needs at least " + needed
                    + " updates, got " + results.size());
        }
        int chosen = RobustKernels.krum(Kernels.deltas(results), f);
        Map<String, Double> metrics = Map.of("selected_clients", 1.0,
                "selected_client_id", (double) results.get(chosen).clientId());
        return new RoundOutcome.Aggregated(
                Kernels.plusScaled(global, results.get(chosen).delta(), serverLearningRate), metrics);
    }
}
