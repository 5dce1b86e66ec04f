package io.fedsim.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.ClientFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One round's collection of client updates, as a short-lived child of the coordinator (after Akka's
 * {@code DeviceGroupQuery}): it sends the global model to every sampled client, watches them, holds one
 * deadline, hands each update to the round's {@link UpdateIntake.Collector} as it arrives (decoding,
 * validating and summing it while other clients still train), records each other client as failed, dropped
 * (reported unreachable), stopped or timed out, replies once and stops. Results are sorted by client id, so
 * arrival order never changes what the strategy sees.
 */
public final class RoundQuery extends AbstractBehavior<RoundQuery.Command> {

    public sealed interface Command {
    }

    private record WrappedReply(ClientActor.Reply reply) implements Command {
    }

    private record ClientStopped(int clientId) implements Command {
    }

    private enum DeadlineReached implements Command {
        INSTANCE
    }

    /** The round's results: what the collector took in, and the clients that sent nothing, in ascending id. */
    public record Result(int round, UpdateIntake.Collected collected, List<ClientFailure> failures) {
    }

    private final int round;
    private final ActorRef<Result> replyTo;
    private final Map<Integer, ActorRef<ClientActor.Command>> pending;
    private final UpdateIntake.Collector collector;
    private final List<ClientFailure> failures = new ArrayList<>();

    /**
     * @param cohort the sampled clients by id
     * @param global the round's global parameters, shared read-only with every client
     */
    public static Behavior<Command> create(int round, Map<Integer, ActorRef<ClientActor.Command>> cohort, float[] global,
                                           TrainingPlan plan, Duration timeout, ActorRef<Result> replyTo) {
        Map<Integer, TrainingPlan> plans = new TreeMap<>();
        cohort.keySet().forEach(id -> plans.put(id, plan));
        int population = cohort.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        return create(round, cohort, global, plans, timeout,
                UpdateIntake.honest(population).open(ids(cohort), global.length, false), replyTo);
    }

    /**
     * @param plans     what each client of the cohort is told, by id (a straggler may be told fewer epochs)
     * @param collector the round's intake, opened for the cohort's ids; this query owns it from now on
     */
    public static Behavior<Command> create(int round, Map<Integer, ActorRef<ClientActor.Command>> cohort, float[] global,
                                           Map<Integer, TrainingPlan> plans, Duration timeout,
                                           UpdateIntake.Collector collector, ActorRef<Result> replyTo) {
        if (cohort.isEmpty()) { // Poisson sampling may draw nobody: nothing to wait for
            return Behaviors.setup(context -> {
                replyTo.tell(new Result(round, collector.finish(), List.of()));
                return Behaviors.stopped();
            });
        }
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new RoundQuery(context, timers, round, cohort, global, plans, timeout, collector, replyTo)));
    }

    private static int[] ids(Map<Integer, ?> cohort) {
        return cohort.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    private RoundQuery(ActorContext<Command> context, TimerScheduler<Command> timers, int round,
                       Map<Integer, ActorRef<ClientActor.Command>> cohort, float[] global,
                       Map<Integer, TrainingPlan> plans, Duration timeout, UpdateIntake.Collector collector,
                       ActorRef<Result> replyTo) {
        super(context);
        this.round = round;
        this.replyTo = replyTo;
        this.collector = collector;
        this.pending = new TreeMap<>(cohort);
        timers.startSingleTimer(DeadlineReached.INSTANCE, timeout);
        ActorRef<ClientActor.Reply> replies = context.messageAdapter(ClientActor.Reply.class, WrappedReply::new);
        cohort.forEach((id, client) -> {
            context.watchWith(client, new ClientStopped(id));
            client.tell(new ClientActor.Train(round, global, plans.get(id), replies));
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WrappedReply.class, this::onReply)
                .onMessage(ClientStopped.class, this::onClientStopped)
                .onMessageEquals(DeadlineReached.INSTANCE, this::onDeadline)
                .build();
    }

    private Behavior<Command> onReply(WrappedReply wrapped) {
        ClientActor.Reply reply = wrapped.reply();
        if (reply.round() != round || pending.remove(reply.clientId()) == null) {
            return this;
        }
        if (reply instanceof ClientActor.Update update) {
            collector.accept(update);
        } else if (reply instanceof ClientActor.Failed failed) {
            failures.add(new ClientFailure(failed.clientId(), ClientFailure.Kind.FAILED, failed.reason()));
            collector.missing(failed.clientId());
        } else if (reply instanceof ClientActor.Unreachable unreachable) {
            failures.add(new ClientFailure(unreachable.clientId(), ClientFailure.Kind.DROPPED, unreachable.reason()));
            collector.missing(unreachable.clientId());
        }
        return pending.isEmpty() ? finish() : this;
    }

    private Behavior<Command> onClientStopped(ClientStopped stopped) {
        if (pending.remove(stopped.clientId()) != null) {
            failures.add(new ClientFailure(stopped.clientId(), ClientFailure.Kind.STOPPED, "client stopped before replying"));
            collector.missing(stopped.clientId());
        }
        return pending.isEmpty() ? finish() : this;
    }

    private Behavior<Command> onDeadline() {
        pending.keySet().forEach(id ->
                failures.add(new ClientFailure(id, ClientFailure.Kind.TIMED_OUT, "no reply before the round deadline")));
        pending.clear();
        return finish();
    }

    private Behavior<Command> finish() {
        failures.sort(Comparator.comparingInt(ClientFailure::clientId));
        replyTo.tell(new Result(round, collector.finish(), List.copyOf(failures)));
        return Behaviors.stopped();
    }
}
