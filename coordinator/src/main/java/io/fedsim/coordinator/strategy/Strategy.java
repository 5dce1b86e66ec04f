package io.fedsim.coordinator.strategy;

import io.fedsim.client.TrainingPlan;
import java.util.List;
import java.util.Map;

/**
 * The maths of a federated round. The framework owns the loop (sampling, messaging, deadlines,
 * evaluation, recording); a strategy turns the round's results into the next global model.
 *
 * <p>{@code results} come in ascending client id, whatever order the replies arrived in, so that a sum
 * over them is the same on every run. A strategy must not modify {@code global} or any delta.
 *
 * <p><b>State.</b> A strategy may carry state from round to round (a server optimiser's moments, e.g.
 * FedAvgM's velocity or FedAdam's m and v). Such a strategy exposes it through {@link #state()} and takes
 * it back through {@link #restore(Map)}, so that a checkpoint can save it and a resumed run continue
 * exactly where it stopped. Both work on deep copies: the caller never shares an array with the strategy.
 * A stateless strategy keeps the defaults (an empty state, and a restore that ignores its argument).
 */
public interface Strategy {

    /** The name scenarios use, e.g. {@code fedavg}. */
    String name();

    RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures);

    /**
     * What every sampled client is told to do in {@code round}, starting from the scenario's plan (local
     * epochs, batch size, learning rate). FedProx adds its proximal term here; most strategies keep the plan.
     */
    default TrainingPlan clientPlan(int round, TrainingPlan plan) {
        return plan;
    }

    /**
     * Whether a straggler's partial work (the whole local epochs it finished by the round's deadline) is
     * aggregated rather than dropped, when the scenario leaves it to the strategy ({@code round.stragglers =
     * auto}). FedProx keeps it (Li et al. 2020); the others drop stragglers, as FedAvg does in deployment.
     */
    default boolean keepsPartialWork() {
        return false;
    }

    /**
     * Whether {@link #aggregate} reads the updates' deltas only through their weighted mean,
     * {@link Kernels#weightedMeanOfDeltas} (the scalar fields it may read as it likes). When it does, the framework
     * folds each update into that mean as it arrives, while other clients still train, and the round's results
     * carry it ({@link RoundResults}): aggregating 100 updates of the 2NN then costs one pass over the parameters
     * after the last update instead of a hundred. The mean is the same to the bit either way; a strategy that
     * says so wrongly only wastes the sum.
     */
    default boolean averagesUpdates() {
        return false;
    }

    /**
     * A deep copy of the state carried between rounds, by name (e.g. {@code m}, {@code v}); empty for a
     * stateless strategy, and for a stateful one that has not aggregated a round yet.
     */
    default Map<String, float[]> state() {
        return Map.of();
    }

    /**
     * Replaces the carried state with a deep copy of {@code state}, as returned by {@link #state()}; an
     * empty map resets the strategy to its initial state.
     *
     * @throws IllegalArgumentException if the state is not one this strategy can have produced
     */
    default void restore(Map<String, float[]> state) {
    }
}
