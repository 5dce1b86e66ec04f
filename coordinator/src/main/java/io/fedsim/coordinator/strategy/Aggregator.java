package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * How a round's client updates become one update: the weighted mean, or a Byzantine-robust rule. A server
 * optimiser (FedAvgM, FedAdagrad, FedAdam, FedYogi) takes it as its pseudo-gradient, and each robust strategy
 * is a plain server step on one; so any robust rule composes with any server optimiser
 * ({@code new FedAdam(eta, beta1, beta2, tau, Aggregators.trimmedMean(0.1))}). {@link Aggregators} makes them.
 */
public interface Aggregator {

    /** The name {@code strategy.aggregator} takes, e.g. {@code trimmed-mean}. */
    String name();

    /**
     * The aggregate of {@code results} (in client-id order, never modified), each a delta of {@code length}
     * parameters, or why there is none.
     */
    Result aggregate(List<ClientResult> results, List<ClientFailure> failures, int length);

    /** Whether this is the weighted mean, reading the deltas only through {@link Kernels#weightedMeanOfDeltas}. */
    default boolean averagesUpdates() {
        return false;
    }

    /** An aggregated update, or an explicit reason why the round has none. */
    sealed interface Result {
    }

    /** The aggregated delta, with any figures the rule reports (e.g. {@code selected_clients}). */
    record Combined(float[] delta, Map<String, Double> metrics) implements Result {
    }

    /** Too few usable updates for the rule. */
    record Skipped(String reason) implements Result {
    }
}
