package io.fedsim.coordinator.strategy;

import io.fedsim.client.TrainingPlan;
import java.util.List;

/**
 * FedProx (Li, Sahu, Zaheer, Sanjabi, Talwalkar, Smith 2020, "Federated Optimization in Heterogeneous
 * Networks", MLSys): every client minimises its local loss plus the proximal term (mu / 2) ||w - w_t||^2,
 * which keeps local models near the global one when data or work differ between clients; the server
 * averages as FedAvg does (weights n_k / n, with a server learning rate). With mu = 0 it is FedAvg.
 */
public final class FedProx implements Strategy {
    private final double mu;
    private final FedAvg averaging;

    /** @param mu the proximal weight, >= 0 (the paper's best for Synthetic(1,1): 1) */
    public FedProx(double mu, double serverLearningRate) {
        if (!(mu >= 0)) {
            throw new IllegalArgumentException("fedprox: mu must be >= 0, was " + mu);
        }
        this.mu = mu;
        this.averaging = new FedAvg(serverLearningRate);
    }

    @Override
    public String name() {
        return "fedprox";
    }

    @Override
    public TrainingPlan clientPlan(int round, TrainingPlan plan) {
        return plan.withProximalMu(mu);
    }

    /** FedProx tolerates partial work: a straggler's finished epochs still count (Li et al. 2020, section 3). */
    @Override
    public boolean keepsPartialWork() {
        return true;
    }

    @Override
    public boolean averagesUpdates() {
        return averaging.averagesUpdates();
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        return averaging.aggregate(round, global, results, failures);
    }
}
