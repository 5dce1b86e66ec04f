package io.fedsim.client;

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
 */
public record TrainResult(float[] delta, int numSamples, double meanLoss, int steps, double globalLoss) {

    /** A result without the global model's loss (NaN). */
    public TrainResult(float[] delta, int numSamples, double meanLoss, int steps) {
        this(delta, numSamples, meanLoss, steps, Double.NaN);
    }
}
