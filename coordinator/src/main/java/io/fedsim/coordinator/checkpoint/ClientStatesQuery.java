package io.fedsim.coordinator.checkpoint;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.fedsim.client.ClientActor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Copies every client's persistent state for a checkpoint, as a short-lived child of the coordinator
 * (like a round's query): it asks each client, waits for all answers under one deadline, replies once
 * and stops. A client still busy with a round it timed out of answers after that training, which is the
 * state its next round would have started from anyway.
 */
public final class ClientStatesQuery extends AbstractBehavior<ClientStatesQuery.Command> {

    public sealed interface Command {
    }

    private record Snapshot(ClientActor.StateSnapshot snapshot) implements Command {
    }

    private enum DeadlineReached implements Command {
        INSTANCE
    }

    /**
     * The states of the clients that hold any, by id; empty when some client did not answer in time (a
     * checkpoint without it could not resume exactly).
     */
    public record Result(Optional<SortedMap<Integer, Map<String, float[]>>> states, int missing) {
    }

    private final ActorRef<Result> replyTo;
    private final SortedMap<Integer, Map<String, float[]>> states = new TreeMap<>();
    private final Set<Integer> answered = new HashSet<>();
    private int pending;

    /** @param clients the population; a client's id is its index */
    public static Behavior<Command> create(List<ActorRef<ClientActor.Command>> clients, Duration timeout,
                                           ActorRef<Result> replyTo) {
        if (clients.isEmpty()) {
            return Behaviors.setup(context -> {
                replyTo.tell(new Result(Optional.of(new TreeMap<>()), 0));
                return Behaviors.stopped();
            });
        }
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new ClientStatesQuery(context, timers, clients, timeout, replyTo)));
    }

    private ClientStatesQuery(ActorContext<Command> context, TimerScheduler<Command> timers,
                              List<ActorRef<ClientActor.Command>> clients, Duration timeout, ActorRef<Result> replyTo) {
        super(context);
        this.replyTo = replyTo;
        this.pending = clients.size();
        timers.startSingleTimer(DeadlineReached.INSTANCE, timeout);
        ActorRef<ClientActor.StateSnapshot> snapshots = context.messageAdapter(ClientActor.StateSnapshot.class, Snapshot::new);
        clients.forEach(client -> client.tell(new ClientActor.GetState(snapshots)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Snapshot.class, this::onSnapshot)
                .onMessageEquals(DeadlineReached.INSTANCE, this::onDeadline)
                .build();
    }

    private Behavior<Command> onSnapshot(Snapshot s) {
        if (!answered.add(s.snapshot().clientId())) { // a second answer for a client (a cluster proxy's, after its node died)
            return this;
        }
        if (!s.snapshot().state().isEmpty()) {
            states.put(s.snapshot().clientId(), s.snapshot().state());
        }
        if (--pending == 0) {
            replyTo.tell(new Result(Optional.of(states), 0));
            return Behaviors.stopped();
        }
        return this;
    }

    private Behavior<Command> onDeadline() {
        replyTo.tell(new Result(Optional.empty(), pending));
        return Behaviors.stopped();
    }
}
