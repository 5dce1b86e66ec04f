package io.fedsim.simulation.scenario;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Real-world conditions (issue 6): simulated devices, the round's simulated deadline and what becomes of
 * stragglers, over-selection, availability, dropout, injected crashes and the smallest useful round.
 * Read from {@code devices.*}, {@code round.deadline}, {@code round.stragglers}, {@code round.min-completed},
 * {@code clients.over-selection}, {@code availability.*} and {@code faults.*}.
 */
public record ConditionsSpec(DevicesSpec devices, OptionalDouble deadline, Stragglers stragglers, int minCompleted,
                             double overSelection, double offlineProbability, double dropoutProbability,
                             double crashProbability, Mode mode, int bufferSize, int concurrency) {

    /** Synchronous rounds, or asynchronous FedBuff on the simulated clock. */
    public enum Mode {
        SYNC, ASYNC
    }

    /** What becomes of a client that would finish after the deadline; auto: the strategy decides. */
    public enum Stragglers {
        AUTO, DROP, PARTIAL
    }

    public ConditionsSpec {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(stragglers, "stragglers");
        Objects.requireNonNull(mode, "mode");
        boolean async = mode == Mode.ASYNC;
        double d = deadline.orElse(1);
        new Checks()
                .require(d > 0 && Double.isFinite(d), "round.deadline", "must be > 0 simulated seconds, was " + Checks.show(d))
                .require(deadline.isEmpty() || devices.enabled(), "round.deadline",
                        "needs devices.enabled = true (a simulated clock), was " + Checks.show(d))
                .atLeast("round.min-completed", minCompleted, 0)
                .nonNegative("clients.over-selection", overSelection)
                .require(overSelection == 0 || devices.enabled(), "clients.over-selection",
                        "needs devices.enabled = true (clients are kept by simulated finish time), was "
                                + Checks.show(overSelection))
                .require(probability(offlineProbability), "availability.offline-probability",
                        "must be in [0, 1], was " + Checks.show(offlineProbability))
                .require(probability(dropoutProbability), "availability.dropout-probability",
                        "must be in [0, 1], was " + Checks.show(dropoutProbability))
                .require(probability(crashProbability), "faults.crash-probability",
                        "must be in [0, 1], was " + Checks.show(crashProbability))
                .atLeast("async.buffer-size", bufferSize, 1)
                .atLeast("async.concurrency", concurrency, 1)
                .require(!async || devices.enabled(), "mode", "async needs devices.enabled = true (the simulated clock "
                        + "orders the arrivals), was async")
                .require(!async || deadline.isEmpty(), "round.deadline", "has no meaning with mode = async (clients "
                        + "are never cut off), was " + Checks.show(d))
                .require(!async || overSelection == 0, "clients.over-selection", "has no meaning with mode = async, was "
                        + Checks.show(overSelection))
                .require(!async || offlineProbability == 0 && dropoutProbability == 0, "availability",
                        "offline and dropout probabilities are not simulated with mode = async; set them to 0")
                .require(!async || minCompleted == 0, "round.min-completed", "has no meaning with mode = async, was "
                        + minCompleted)
                .done();
    }

    public boolean async() {
        return mode == Mode.ASYNC;
    }

    /** Whether rounds report clients_dropped and clients_straggled (and, with devices, simulated seconds). */
    public boolean active() {
        return devices.enabled() || offlineProbability > 0 || dropoutProbability > 0 || crashProbability > 0;
    }

    private static boolean probability(double p) {
        return p >= 0 && p <= 1;
    }
}
