package io.fedsim.coordinator.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the server optimisers share (Reddi et al. 2021, "Adaptive Federated Optimization", Algorithm 2):
 * the round's pseudo-gradient, when a round has none, and copying their state in and out.
 */
final class ServerOptimizers {
    private ServerOptimizers() {
    }

    /**
     * Why the round produces no model, if it does not: no client reported, or those that did hold no
     * samples (so the weights n_k / n are undefined).
     */
    static Optional<RoundOutcome.Skipped> skip(List<ClientResult> results, List<ClientFailure> failures) {
        long samples = results.stream().mapToLong(ClientResult::numSamples).sum();
        if (samples > 0) {
            return Optional.empty();
        }
        return Optional.of(new RoundOutcome.Skipped(results.isEmpty()
                ? "no client reported an update (" + failures.size() + " failed or timed out)"
                : "the clients that reported hold no samples"));
    }

    /**
     * The pseudo-gradient Delta_t = sum_k (n_k / n) * delta_k, FedAvg's weighted mean of the deltas. It
     * points downhill: the server optimisers take it as minus a gradient and step along +Delta_t.
     */
    static float[] pseudoGradient(List<ClientResult> results, int length) {
        return Kernels.weightedMeanOfDeltas(results, length);
    }

    /** Deep copies of the named arrays, in name order. */
    static Map<String, float[]> copy(Map<String, float[]> arrays) {
        Map<String, float[]> out = new TreeMap<>();
        arrays.forEach((name, a) -> out.put(name, a.clone()));
        return out;
    }

    /**
     * Checks that {@code state} holds exactly the arrays {@code names}, all of one length, and returns
     * deep copies of them in the order of {@code names}.
     */
    static float[][] take(Map<String, float[]> state, String strategy, String... names) {
        if (!state.keySet().equals(Set.of(names))) {
            throw new IllegalArgumentException(strategy + " state must hold exactly " + Arrays.toString(names)
                    + ", was " + new TreeMap<>(state).keySet());
        }
        float[][] out = new float[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = state.get(names[i]).clone();
            if (out[i].length != out[0].length) {
                throw new IllegalArgumentException(strategy + " state arrays differ in length: " + names[0] + " has "
                        + out[0].length + ", " + names[i] + " has " + out[i].length);
            }
        }
        return out;
    }

    /** Throws if carried state does not fit a model of {@code length} parameters. */
    static void checkLength(float[] carried, int length, String strategy) {
        if (carried.length != length) {
            throw new IllegalStateException(strategy + " carries state for " + carried.length
                    + " parameters but the model has " + length);
        }
    }
}
