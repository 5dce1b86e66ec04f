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
import io.fedsim.coordinator.checkpoint.Checkpointing;
import io.fedsim.coordinator.checkpoint.ClientStatesQuery;
import io.fedsim.coordinator.checkpoint.RunState;
import io.fedsim.coordinator.evaluation.FairnessKernels;
import io.fedsim.coordinator.evaluation.FederatedEvalQuery;
import io.fedsim.coordinator.privacy.PrivacyAccounting;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.RoundOutcome;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.coordinator.time.SimulatedRound;
import io.fedsim.core.model.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the rounds of a federation: samples a cohort, sends it the global model, collects the replies under
 * one deadline (watching the cohort, so a client that stops is not waited for), lets the strategy aggregate
 * what came back, evaluates (centrally, and on the clients through a {@link FederatedEvalQuery} child when
 * that is due), records, and goes on until the last round or the target accuracy. The maths lives in the
 * strategy and the evaluator; this actor only sequences. It collects the replies itself (in a
 * {@link RoundReplies}) rather than through a per-round child: on a busy machine each extra actor and hop
 * costs about a millisecond a round.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    public sealed interface Command {
    }

    /** Begin the first round. */
    public enum Start implements Command {
        INSTANCE
    }

    private record ClientReplied(ClientActor.Reply reply) implements Command {
    }

    private record ClientStopped(int round, int clientId) implements Command {
    }

    /** The round's deadline, or the immediate close of a round whose cohort is empty. */
    private record CloseRound(int round) implements Command {
    }

    private record FederatedEvalDone(FederatedEvalQuery.Result result) implements Command {
    }

    private record StatesCollected(ClientStatesQuery.Result result) implements Command {
    }

    /** A round waiting for its federated evaluation before it is recorded. */
    private record PendingRound(RoundRecord record, String stop) {
    }

    /** Sent to the run's owner when the federation stops. */
    public record Finished(int rounds, float[] finalParams, String stopReason) {
    }

    private final CoordinatorSettings settings;
    private final ClientRefs clients;
    private final Strategy strategy;
    private final Evaluator evaluator;
    private final RunListener listener;
    private final ActorRef<Finished> replyTo;
    private final Optional<PrivacyAccounting> privacy;
    private final ActorRef<ClientActor.Reply> replies;
    private final TimerScheduler<Command> timers;
    private final ActorRef<FederatedEvalQuery.Result> federatedResults;
    private final RoundConditions conditions;
    private final UpdateIntake intake;
    private SimulatedRound current;
    private double simSeconds;
    private final Checkpointing checkpointing;
    private final long startNanos = System.nanoTime();
    private double wallSecondsBefore;
    private String pendingStop;
    private float[] global;
    private int round;
    private int sampled;
    private int[] cohortIds = new int[0];
    private long roundStartNanos;
    private RoundReplies collecting;
    private Map<Integer, ActorRef<ClientActor.Command>> cohortRefs = Map.of();
    private PendingRound pending;

    /** @param clients the population; a client's id is its index in this list */
    public static Behavior<Command> create(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients,
                                           float[] initialParams, Strategy strategy, Evaluator evaluator,
                                           RunListener listener, ActorRef<Finished> replyTo) {
        return create(settings, clients, initialParams, strategy, evaluator, listener, Optional.empty(), replyTo);
    }

    /** @param privacy the run's privacy accounting, when it is differentially private */
    public static Behavior<Command> create(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients,
                                           float[] initialParams, Strategy strategy, Evaluator evaluator,
                                           RunListener listener, Optional<PrivacyAccounting> privacy,
                                           ActorRef<Finished> replyTo) {
        return create(settings, clients, initialParams, strategy, evaluator, listener, privacy, RoundConditions.NONE,
                UpdateIntake.honest(clients.size()), replyTo);
    }

    /**
     * @param conditions simulated time, deadlines, availability and the smallest useful round
     * @param intake     how the server decodes, validates and counts the updates (and simulates colluding attackers)
     */
    public static Behavior<Command> create(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients,
                                           float[] initialParams, Strategy strategy, Evaluator evaluator,
                                           RunListener listener, Optional<PrivacyAccounting> privacy,
                                           RoundConditions conditions, UpdateIntake intake, ActorRef<Finished> replyTo) {
        return create(settings, clients, initialParams, strategy, evaluator, listener, privacy, conditions, intake,
                Checkpointing.disabled(), replyTo);
    }

    /** @param checkpointing when to checkpoint, and the state a resumed run continues from */
    public static Behavior<Command> create(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients,
                                           float[] initialParams, Strategy strategy, Evaluator evaluator,
                                           RunListener listener, Optional<PrivacyAccounting> privacy,
                                           RoundConditions conditions, UpdateIntake intake, Checkpointing checkpointing,
                                           ActorRef<Finished> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Coordinator(context, timers, settings,
                ClientRefs.given(clients), initialParams, strategy, evaluator, listener, privacy, conditions, intake,
                checkpointing, replyTo)));
    }

    /** The same with clients the coordinator spawns as its children on first use (see {@link LazyClients}). */
    public static Behavior<Command> create(CoordinatorSettings settings, LazyClients clients,
                                           float[] initialParams, Strategy strategy, Evaluator evaluator,
                                           RunListener listener, Optional<PrivacyAccounting> privacy,
                                           RoundConditions conditions, UpdateIntake intake, Checkpointing checkpointing,
                                           ActorRef<Finished> replyTo) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Coordinator(context, timers, settings,
                ClientRefs.lazy(clients, context), initialParams, strategy, evaluator, listener, privacy, conditions,
                intake, checkpointing, replyTo)));
    }

    private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers, CoordinatorSettings settings,
                        ClientRefs clients, float[] initialParams, Strategy strategy,
                        Evaluator evaluator, RunListener listener, Optional<PrivacyAccounting> privacy,
                        RoundConditions conditions, UpdateIntake intake, Checkpointing checkpointing,
                        ActorRef<Finished> replyTo) {
        super(context);
        this.settings = settings;
        this.clients = clients;
        this.global = initialParams.clone();
        this.strategy = strategy;
        this.evaluator = evaluator;
        this.listener = listener;
        this.replyTo = replyTo;
        this.privacy = privacy;
        this.conditions = conditions;
        this.intake = intake;
        this.timers = timers;
        this.replies = context.messageAdapter(ClientActor.Reply.class, ClientReplied::new);
        this.federatedResults = context.messageAdapter(FederatedEvalQuery.Result.class, FederatedEvalDone::new);
        this.checkpointing = checkpointing;
        checkpointing.resumeFrom().ifPresent(saved -> {
            global = saved.global().clone();
            strategy.restore(saved.strategyState());
            privacy.ifPresent(p -> p.restore(saved.privacy().orElseThrow(() ->
                    new IllegalArgumentException("the checkpoint holds no privacy accounting"))));
            wallSecondsBefore = saved.wallSeconds();
            simSeconds = saved.simSeconds();
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(Start.INSTANCE, this::onStart)
                .onMessage(ClientReplied.class, this::onClientReplied)
                .onMessage(ClientStopped.class, this::onClientStopped)
                .onMessage(CloseRound.class, this::onCloseRound)
                .onMessage(FederatedEvalDone.class, this::onFederatedEvalDone)
                .onMessage(StatesCollected.class, this::onStatesCollected)
                .build();
    }

    private Behavior<Command> onStart() {
        if (round != 0) {
            return this;
        }
        int done = checkpointing.resumeFrom().map(RunState::round).orElse(0);
        Optional<String> stopped = checkpointing.resumeFrom().flatMap(RunState::stopReason);
        if (stopped.isPresent()) { // stopped for good, then killed before its final results were written
            replyTo.tell(new Finished(done, global, stopped.get()));
            return Behaviors.stopped();
        }
        checkpointing.resumeFrom().ifPresent(saved -> saved.clientStates().forEach((id, state) ->
                clients.get(id).tell(new ClientActor.RestoreState(state))));
        if (privacy.isPresent() && privacy.get().wouldExceedTarget()) {
            replyTo.tell(new Finished(done, global, budgetReason(done + 1)));
            return Behaviors.stopped();
        }
        startRound(done + 1);
        return this;
    }

    private void startRound(int r) {
        round = r;
        roundStartNanos = System.nanoTime();
        int[] ids = conditions.sampling(settings.sampling()).sample(settings.seed(), r, clients.size());
        // over-selection draws more than the round wants; the first `target` to finish are kept
        int target = conditions.overSelection() > 0
                ? (int) Math.min(ids.length, settings.sampling().expectedSize(clients.size())) : ids.length;
        sampled = ids.length;
        current = SimulatedRound.plan(conditions, settings.seed(), r, ids, target,
                strategy.clientPlan(r, settings.planFor(r)), conditions.stragglerRule(strategy.keepsPartialWork()));
        // the clients sent the model: offline ones and stragglers told not to train receive nothing
        Map<Integer, TrainingPlan> plans = current.plans();
        cohortIds = plans.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        cohortRefs = new HashMap<>(cohortIds.length * 2);
        for (int id : cohortIds) {
            ActorRef<ClientActor.Command> client = clients.get(id);
            cohortRefs.put(id, client);
            getContext().watchWith(client, new ClientStopped(r, id));
            client.tell(new ClientActor.Train(r, global, plans.get(id), replies));
        }
        // opened after the sends, so the clients start training sooner: no reply is handled before this method returns
        // (without over-selection every accepted update is aggregated, so the mean can be summed as they arrive)
        collecting = new RoundReplies(r, cohortIds, intake.open(cohortIds, global.length,
                strategy.averagesUpdates() && target >= cohortIds.length));
        if (cohortIds.length == 0) { // Poisson sampling may draw nobody: nothing to wait for
            getContext().getSelf().tell(new CloseRound(r));
        } else {
            timers.startSingleTimer(CloseRound.class, new CloseRound(r), settings.roundTimeout());
        }
    }

    private Behavior<Command> onClientReplied(ClientReplied replied) {
        ClientActor.Reply reply = replied.reply();
        if (collecting == null || !collecting.reply(reply)) {
            return this; // late (after the deadline), duplicate, or not asked for
        }
        getContext().unwatch(cohortRefs.get(reply.clientId()));
        return collecting.complete() ? roundCollected() : this;
    }

    private Behavior<Command> onClientStopped(ClientStopped stopped) {
        if (collecting == null || collecting.round() != stopped.round() || !collecting.stopped(stopped.clientId())) {
            return this;
        }
        return collecting.complete() ? roundCollected() : this;
    }

    private Behavior<Command> onCloseRound(CloseRound close) {
        if (collecting == null || collecting.round() != close.round()) {
            return this;
        }
        collecting.pending().forEach(id -> getContext().unwatch(cohortRefs.get(id)));
        collecting.deadline();
        return roundCollected();
    }

    private Behavior<Command> roundCollected() {
        timers.cancel(CloseRound.class);
        RoundReplies.Result result = collecting.finish();
        collecting = null;
        cohortRefs = Map.of();
        UpdateIntake.Collected collected = result.collected();
        SimulatedRound.Closed closed = current.close(collected.replied(), result.failures());
        UpdateIntake.Received received = intake.receive(cohortIds, global.length, collected, closed.kept());
        List<ClientResult> results = received.results();
        List<ClientFailure> failures = new ArrayList<>(closed.failures());
        failures.addAll(received.rejected());
        failures.sort(Comparator.comparingInt(ClientFailure::clientId));
        RoundOutcome outcome = results.size() < conditions.minCompleted()
                ? new RoundOutcome.Skipped(results.size() + " of the " + sampled + " sampled clients completed, fewer "
                        + "than round.min-completed = " + conditions.minCompleted())
                : strategy.aggregate(round, global, results, failures);
        String skipReason = null;
        Map<String, Double> extra = new LinkedHashMap<>(received.metrics());
        if (conditions.active()) {
            extra.putAll(conditionMetrics(closed));
        } else if (closed.dropped() > 0) { // only unreachable clients drop out without conditions (a cluster run)
            extra.put("clients_dropped", (double) closed.dropped());
        }
        if (outcome instanceof RoundOutcome.Aggregated aggregated) {
            global = aggregated.params();
            extra.putAll(aggregated.metrics());
        } else if (outcome instanceof RoundOutcome.Skipped skipped) {
            skipReason = skipped.reason();
            getContext().getLog().warn("round {} skipped: {}", round, skipReason);
        }
        privacy.ifPresent(p -> {
            p.recordRound(results.stream().mapToInt(ClientResult::clientId).toArray());
            extra.put("epsilon", p.epsilon());
        });
        boolean last = round == settings.rounds();
        boolean budgetSpent = !last && privacy.isPresent() && privacy.get().wouldExceedTarget();
        boolean evaluate = last || budgetSpent || round % settings.evalEvery() == 0;
        Evaluation eval = evaluate ? evaluator.evaluate(global) : Evaluation.EMPTY;
        String stop = last ? "completed " + round + " rounds" : targetReached(evaluate, eval);
        if (stop == null && budgetSpent) {
            stop = budgetReason(round + 1);
        }
        // wall times are filled in when the round is recorded, after any federated evaluation
        RoundRecord record = new RoundRecord(round, sampled, results.size(), closed.failed() + received.rejected().size(),
                weightedTrainLoss(results), evaluate, eval.meanLoss(), eval.accuracy(), skipReason, 0, 0, extra);
        if (settings.federatedEvaluation().dueAfter(round, stop != null)) {
            pending = new PendingRound(record, stop);
            Map<Integer, ActorRef<ClientActor.Command>> cohort = new TreeMap<>();
            for (int id : settings.federatedEvaluation().cohort(settings.seed(), round, clients.size())) {
                cohort.put(id, clients.get(id));
            }
            getContext().spawn(FederatedEvalQuery.create(round, cohort, global, settings.roundTimeout(), federatedResults),
                    "federated-eval-" + round);
            return this;
        }
        return finishRound(record, Map.of(), stop);
    }

    private Behavior<Command> onFederatedEvalDone(FederatedEvalDone done) {
        FederatedEvalQuery.Result result = done.result();
        if (!result.missing().isEmpty()) {
            getContext().getLog().warn("round {}: no federated evaluation from clients {}", round, result.missing());
        }
        listener.onClientEvaluations(round, result.evaluations());
        PendingRound r = pending;
        pending = null;
        return finishRound(r.record(), FairnessKernels.metrics(result.evaluations()), r.stop());
    }

    /**
     * Records the round with {@code moreMetrics} added to its extras (its wall times taken now, so they include
     * any federated evaluation), then starts the next round or stops.
     */
    private Behavior<Command> finishRound(RoundRecord r, Map<String, Double> moreMetrics, String stop) {
        Map<String, Double> extra = new LinkedHashMap<>(r.extra());
        extra.putAll(moreMetrics);
        long now = System.nanoTime();
        listener.onRound(new RoundRecord(r.round(), r.clientsSampled(), r.clientsCompleted(), r.clientsFailed(),
                r.trainLoss(), r.evaluated(), r.testLoss(), r.testAccuracy(), r.skipReason(),
                (now - roundStartNanos) / 1e9, wallSeconds(now), extra));
        if (checkpointing.due(round, stop != null)) {
            pendingStop = stop;
            getContext().spawn(ClientStatesQuery.create(clients.existing(), checkpointing.stateTimeout(),
                    getContext().messageAdapter(ClientStatesQuery.Result.class, StatesCollected::new)), "states-" + round);
            return this;
        }
        return proceed(stop, false);
    }

    private Behavior<Command> onStatesCollected(StatesCollected collected) {
        boolean saved = false;
        ClientStatesQuery.Result states = collected.result();
        if (states.states().isEmpty()) {
            getContext().getLog().error("no checkpoint after round {}: {} clients did not report their state in time",
                    round, states.missing());
        } else {
            try {
                checkpointing.sink().save(new RunState(round, global, strategy.state(), privacy.map(PrivacyAccounting::save),
                        states.states().get(), wallSeconds(System.nanoTime()), simSeconds, Optional.ofNullable(pendingStop)));
                saved = true;
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                getContext().getLog().error("could not write the checkpoint of round {}: {}", round, e.toString());
            }
        }
        return proceed(pendingStop, saved);
    }

    /** Stops with {@code stop}, or on a graceful-stop request, or goes on to the next round. */
    private Behavior<Command> proceed(String stop, boolean checkpointed) {
        if (stop == null && checkpointing.stopRequest().isRequested()) {
            stop = checkpointing.interruptedReason(round, checkpointed);
        }
        if (stop != null) {
            replyTo.tell(new Finished(round, global, stop));
            return Behaviors.stopped();
        }
        startRound(round + 1);
        return this;
    }

    private Map<String, Double> conditionMetrics(SimulatedRound.Closed closed) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("clients_dropped", (double) closed.dropped());
        m.put("clients_straggled", (double) closed.straggled());
        if (conditions.simulatesTime()) {
            simSeconds += closed.simSeconds();
            m.put("round_sim_seconds", closed.simSeconds());
            m.put("sim_seconds", simSeconds);
        }
        return m;
    }

    private double wallSeconds(long now) {
        return wallSecondsBefore + (now - startNanos) / 1e9;
    }

    private String budgetReason(int nextRound) {
        PrivacyAccounting p = privacy.orElseThrow();
        return String.format(java.util.Locale.ROOT, "privacy budget: round %d would spend epsilon %.4f, above the target %.4f "
                + "(spent after %d rounds: %.4f at delta %s)", nextRound, p.epsilonAfterNextRound(),
                p.targetEpsilon().getAsDouble(), nextRound - 1, p.epsilon(), p.delta());
    }

    private String targetReached(boolean evaluated, Evaluation eval) {
        if (evaluated && settings.targetAccuracy().isPresent() && eval.accuracy() >= settings.targetAccuracy().getAsDouble()) {
            return String.format("reached the target accuracy %.4f at round %d (test accuracy %.4f)",
                    settings.targetAccuracy().getAsDouble(), round, eval.accuracy());
        }
        return null;
    }

    private static double weightedTrainLoss(List<ClientResult> results) {
        double sum = 0;
        long n = 0;
        for (ClientResult r : results) {
            if (r.numSamples() > 0) {
                sum += r.trainLoss() * r.numSamples();
                n += r.numSamples();
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
