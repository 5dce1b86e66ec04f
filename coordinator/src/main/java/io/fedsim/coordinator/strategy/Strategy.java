package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * The maths of a federated round. The framework owns the loop (sampling, messaging, deadlines,
 * evaluation, recording); a strategy turns the round's results into the next global model.
 *
 * <p>{@code results} come in ascending client id, whatever order the replies arrived in, so that a sum
 * over them is the same on every run. A strategy must not modify {@code global} or any delta.
 */
public interface Strategy {

    /** The name scenarios use, e.g. {@code fedavg}. */
    String name();

    RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures);
}
