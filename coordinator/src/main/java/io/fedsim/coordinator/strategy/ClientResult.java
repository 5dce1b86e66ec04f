package io.fedsim.coordinator.strategy;

import java.util.Objects;
import java.util.Optional;

/**
 * One client's contribution to a round, as a strategy sees it.
 *
 * @param delta      the client's parameters minus the round's global parameters (read-only)
 * @param numSamples the client's n_k
 * @param trainLoss  its mean local training loss
 * @param steps      its number of local SGD steps, tau_k (FedNova normalises by it); 0 when unknown
 * @param globalLoss the round's global model's mean loss on the client's shard before training, F_k(w_t)
 *                   (q-FedAvg weighs by it); NaN unless the strategy's client plan asked for it
 * @param controlDelta in a SCAFFOLD round, the change of the client's control variate, c_i+ - c_i (read-only);
 *                     empty otherwise
 */
public record ClientResult(int clientId, float[] delta, int numSamples, double trainLoss, int steps, double globalLoss,
                           Optional<float[]> controlDelta) {
    public ClientResult {
        Objects.requireNonNull(controlDelta, "controlDelta");
    }

    /** A result without a control-variate change. */
    public ClientResult(int clientId, float[] delta, int numSamples, double trainLoss, int steps, double globalLoss) {
        this(clientId, delta, numSamples, trainLoss, steps, globalLoss, Optional.empty());
    }

    /** A result without a step count (0) or the global model's loss (NaN). */
    public ClientResult(int clientId, float[] delta, int numSamples, double trainLoss) {
        this(clientId, delta, numSamples, trainLoss, 0, Double.NaN);
    }
}
