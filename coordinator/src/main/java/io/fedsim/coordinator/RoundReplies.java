package io.fedsim.coordinator;

import io.fedsim.client.ClientActor;
import io.fedsim.coordinator.strategy.ClientFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one round has heard from its cohort so far: the clients still owed a reply, and the round's
 * {@link UpdateIntake.Collector}, which takes each update as it arrives (decoding, validating and summing it while
 * other clients still train). Every other outcome is recorded as a failure: failed (the client said so), dropped
 * (reported unreachable), stopped, or timed out at the deadline. Plain state, no actor: the {@link Coordinator} feeds it
 * the messages it receives, so a round costs no extra actor and no extra message hop.
 */
final class RoundReplies {

    /** The round's results: what the collector took in, and the clients that sent nothing, in ascending id. */
    record Result(int round, UpdateIntake.Collected collected, List<ClientFailure> failures) {
    }

    private final int round;
    private final SortedSet<Integer> pending;
    private final UpdateIntake.Collector collector;
    private final List<ClientFailure> failures = new ArrayList<>();

    /**
     * @param cohort    the ids the round's model was sent to
     * @param collector the round's intake, opened for those ids; this object owns it from now on
     */
    RoundReplies(int round, int[] cohort, UpdateIntake.Collector collector) {
        this.round = round;
        this.collector = collector;
        this.pending = new TreeSet<>();
        for (int id : cohort) {
            pending.add(id);
        }
    }

    int round() {
        return round;
    }

    /** True once every client of the cohort has been accounted for. */
    boolean complete() {
        return pending.isEmpty();
    }

    /** The clients still owed a reply, in ascending id. */
    SortedSet<Integer> pending() {
        return java.util.Collections.unmodifiableSortedSet(pending);
    }

    /**
     * Takes a client's reply. A reply for another round, from a client outside the cohort or from one already
     * accounted for is ignored.
     *
     * @return whether the reply was taken
     */
    boolean reply(ClientActor.Reply reply) {
        if (reply.round() != round || !pending.remove(reply.clientId())) {
            return false;
        }
        if (reply instanceof ClientActor.Update update) {
            collector.accept(update);
        } else if (reply instanceof ClientActor.Failed failed) {
            fail(failed.clientId(), ClientFailure.Kind.FAILED, failed.reason());
        } else if (reply instanceof ClientActor.Unreachable unreachable) {
            fail(unreachable.clientId(), ClientFailure.Kind.DROPPED, unreachable.reason());
        }
        return true;
    }

    /** A client of the cohort stopped; it counts as stopped only if it had not replied yet. */
    boolean stopped(int clientId) {
        if (!pending.remove(clientId)) {
            return false;
        }
        fail(clientId, ClientFailure.Kind.STOPPED, "client stopped before replying");
        return true;
    }

    /** The deadline passed: every client still pending timed out. */
    void deadline() {
        for (int id : pending) {
            failures.add(new ClientFailure(id, ClientFailure.Kind.TIMED_OUT, "no reply before the round deadline"));
        }
        pending.clear();
    }

    /** Closes the round's intake; call once, when {@link #complete()}. */
    Result finish() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("round " + round + " still waits for clients " + pending);
        }
        failures.sort(Comparator.comparingInt(ClientFailure::clientId));
        return new Result(round, collector.finish(), List.copyOf(failures));
    }

    private void fail(int clientId, ClientFailure.Kind kind, String reason) {
        failures.add(new ClientFailure(clientId, kind, reason));
        collector.missing(clientId);
    }
}
