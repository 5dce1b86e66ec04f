package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * Bulyan (El Mhamdi et al. 2018, "The Hidden Vulnerability of Distributed Learning in Byzantium"): choose
 * {@code theta = n - 2f} deltas by repeated Krum, then per coordinate average the
 * {@code theta - 2f} chosen values closest to their median, and step by eta times that. Needs
 * {@code n >= 4f + 3}; a smaller round is skipped. Unweighted: sample counts play no part.
 * Metric: {@code selected_clients}, theta.
 */
public final class Bulyan implements Strategy {
    private final float serverLearningRate;
    private final int f;

    /** @param f the number of byzantine clients to tolerate */
    public Bulyan(double serverLearningRate, int f) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.f = Kernels.byzantineClients(f);
    }

    @Override
    public String name() {
        return "bulyan";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        int needed = 4 * f + 3;
        if (results.size() < needed) {
            return new RoundOutcome.Skipped("bulyan with f = " + f + " needs at least " + needed
                    + " updates, got " + results.size());
        }
        float[] aggregate = RobustKernels.bulyan(Kernels.deltas(results), f);
        return new RoundOutcome.Aggregated(Kernels.plusScaled(global, aggregate, serverLearningRate),
                Map.of("selected_clients", (double) (results.size() - 2 * f)));
    }
}
