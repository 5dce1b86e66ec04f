package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Federated averaging (McMahan et al. 2017, "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data"): the new global model is the average of the clients' models weighted by their
 * sample counts, over the clients that reported: {@code w + sum_k (n_k / n) * (w_k - w)}.
 */
public final class FedAvg implements Strategy {
    private final float serverLearningRate;

    /** Plain federated averaging: the new model is the weighted average of the clients' models. */
    public FedAvg() {
        this(1);
    }

    /** With a server learning rate eta: {@code w + eta * sum_k (n_k / n) * (w_k - w)}. */
    public FedAvg(double serverLearningRate) {
        if (!(serverLearningRate > 0)) {
            throw new IllegalArgumentException("server learning rate must be > 0, was " + serverLearningRate);
        }
        this.serverLearningRate = (float) serverLearningRate;
    }

    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    public boolean averagesUpdates() {
        return true;
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        Optional<RoundOutcome.Skipped> skipped = ServerOptimizers.skip(results, failures);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        float[] meanDelta = ServerOptimizers.pseudoGradient(results, global.length);
        return new RoundOutcome.Aggregated(Kernels.plusScaled(global, meanDelta, serverLearningRate), Map.of());
    }
}
