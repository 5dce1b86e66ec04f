package io.fedsim.coordinator.evaluation;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.fedsim.client.ClientActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One federated evaluation, as a short-lived child of the coordinator (after Akka's {@code DeviceGroupQuery};
 * evaluation is occasional, so the extra actor costs nothing per training round): it sends the global model to each chosen client, watches them, holds one deadline,
 * replies once with the evaluations in ascending client id and the ids of clients that failed, stopped or
 * timed out, and stops.
 */
public final class FederatedEvalQuery extends AbstractBehavior<FederatedEvalQuery.Command> {

    public sealed interface Command {
    }

    private record WrappedReply(ClientActor.EvaluationReply reply) implements Command {
    }

    private record ClientStopped(int clientId) implements Command {
    }

    private enum DeadlineReached implements Command {
        INSTANCE
    }

    /** The evaluations in ascending client id, and the clients that gave none, ascending. */
    public record Result(int round, List<ClientEvaluation> evaluations, List<Integer> missing) {
    }

    private final int round;
    private final ActorRef<Result> replyTo;
    private final Map<Integer, ActorRef<ClientActor.Command>> pending;
    private final List<ClientEvaluation> evaluations = new ArrayList<>();
    private final List<Integer> missing = new ArrayList<>();

    /** @param cohort the clients to evaluate, by id; {@code params} is shared read-only with all of them */
    public static Behavior<Command> create(int round, Map<Integer, ActorRef<ClientActor.Command>> cohort, float[] params,
                                           Duration timeout, ActorRef<Result> replyTo) {
        if (cohort.isEmpty()) {
            return Behaviors.setup(context -> {
                replyTo.tell(new Result(round, List.of(), List.of()));
                return Behaviors.stopped();
            });
        }
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new FederatedEvalQuery(context, timers, round, cohort, params, timeout, replyTo)));
    }

    private FederatedEvalQuery(ActorContext<Command> context, TimerScheduler<Command> timers, int round,
                               Map<Integer, ActorRef<ClientActor.Command>> cohort, float[] params, Duration timeout,
                               ActorRef<Result> replyTo) {
        super(context);
        this.round = round;
        this.replyTo = replyTo;
        this.pending = new TreeMap<>(cohort);
        timers.startSingleTimer(DeadlineReached.INSTANCE, timeout);
        ActorRef<ClientActor.EvaluationReply> replies =
                context.messageAdapter(ClientActor.EvaluationReply.class, WrappedReply::new);
        cohort.forEach((id, client) -> {
            context.watchWith(client, new ClientStopped(id));
            client.tell(new ClientActor.Evaluate(round, params, replies));
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
        ClientActor.EvaluationReply reply = wrapped.reply();
        if (reply.round() != round || pending.remove(reply.clientId()) == null) {
            return this;
        }
        if (reply instanceof ClientActor.Evaluated evaluated) {
            evaluations.add(ClientEvaluation.of(evaluated));
        } else {
            missing.add(reply.clientId());
        }
        return pending.isEmpty() ? finish() : this;
    }

    private Behavior<Command> onClientStopped(ClientStopped stopped) {
        if (pending.remove(stopped.clientId()) != null) {
            missing.add(stopped.clientId());
        }
        return pending.isEmpty() ? finish() : this;
    }

    private Behavior<Command> onDeadline() {
        missing.addAll(pending.keySet());
        pending.clear();
        return finish();
    }

    private Behavior<Command> finish() {
        evaluations.sort(Comparator.comparingInt(ClientEvaluation::clientId));
        missing.sort(Comparator.naturalOrder());
        replyTo.tell(new Result(round, List.copyOf(evaluations), List.copyOf(missing)));
        return Behaviors.stopped();
    }
}
