package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * FedNova, federated normalised averaging (Wang, Liu, Liang, Joshi, Poor 2020, "Tackling the Objective
 * Inconsistency Problem in Heterogeneous Federated Optimization", NeurIPS), for clients running plain local
 * SGD. FedAvg lets a client that took more local steps pull the model further, so with unequal step counts
 * tau_k it converges to the optimum of a surrogate objective weighted by p_k tau_k instead of p_k. FedNova
 * averages the normalised updates instead and rescales by the effective number of steps (the paper's update
 * rule with FedNova's weights w_k = p_k, Section 5; for vanilla SGD a_k is all ones, so ||a_k||_1 = tau_k):
 *
 * <pre>
 *   d_k = delta_k / tau_k,   p_k = n_k / n,   tau_eff = sum_k p_k tau_k,
 *   w_{t+1} = w_t + eta * tau_eff * sum_k p_k d_k
 * </pre>
 *
 * With equal tau_k it is FedAvg. It needs each client's own tau_k, so it does not run under central DP.
 */
public final class FedNova implements Strategy {
    private final float serverLearningRate;

    /** @param serverLearningRate eta, the server's step on the normalised average (1: the paper's rule) */
    public FedNova(double serverLearningRate) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
    }

    @Override
    public String name() {
        return "fednova";
    }

    /** FedNova normalises by each client's own step count, so a straggler's fewer epochs are what it is made for. */
    @Override
    public boolean keepsPartialWork() {
        return true;
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        var skipped = ServerOptimizers.skip(results, failures);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        long n = 0;
        for (ClientResult r : results) {
            if (r.numSamples() > 0 && r.steps() < 1) {
                return new RoundOutcome.Skipped("fednova needs every client's local step count; client "
                        + r.clientId() + " reported " + r.steps());
            }
            n += r.numSamples();
        }
        double tauEff = 0;
        float[] normalised = new float[global.length];   // sum_k p_k d_k, one running sum
        for (ClientResult r : results) {
            if (r.numSamples() == 0) {
                continue;   // p_k = 0, and no steps to normalise by
            }
            double p = (double) r.numSamples() / n;
            tauEff += p * r.steps();
            Kernels.addScaled(normalised, r.delta(), (float) (p / r.steps()));
        }
        float[] next = Kernels.plusScaled(global, normalised, (float) (serverLearningRate * tauEff));
        return new RoundOutcome.Aggregated(next, Map.of("tau_eff", tauEff));
    }
}
