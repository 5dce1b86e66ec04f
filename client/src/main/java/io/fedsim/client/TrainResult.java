package io.fedsim.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one client's local training.
 *
 * @param delta      local parameters minus the global parameters the client started from
 * @param numSamples the size of the client's shard (FedAvg's n_k)
 * @param meanLoss   mean training loss over every sample seen in every local epoch (each batch's loss is
 *                   taken before its step, as FedAvg implementations report it)
 * @param steps      SGD steps taken, tau_k
 * @param globalLoss the mean loss of the global parameters on the whole shard before training, F_k(w_t), when
 *                   the plan asked for it ({@link TrainingPlan#reportGlobalLoss()}); NaN otherwise
 * @param controlDelta in a SCAFFOLD round, how the client's control variate changed, c_i+ - c_i; empty otherwise
 */
public record TrainResult(float[] delta, int numSamples, double meanLoss, int steps, double globalLoss,
                          Optional<float[]> controlDelta) {
    public TrainResult {
        Objects.requireNonNull(controlDelta, "controlDelta");
    }

    /** A result without a control-variate change. */
    public TrainResult(float[] delta, int numSamples, double meanLoss, int steps, double globalLoss) {
        this(delta, numSamples, meanLoss, steps, globalLoss, Optional.empty());
    }

    /** A result without the global model's loss (NaN). */
    public TrainResult(float[] delta, int numSamples, double meanLoss, int steps) {
        this(delta, numSamples, meanLoss, steps, Double.NaN);
    }

    /** The same result, reporting SCAFFOLD's c_i+ - c_i. */
    public TrainResult withControlDelta(float[] change) {
        return new TrainResult(delta, numSamples, meanLoss, steps, globalLoss, Optional.of(change));
    }
}
