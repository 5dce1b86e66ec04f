package io.fedsim.coordinator.async;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.fedsim.client.ClientActor;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.Evaluator;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import io.fedsim.coordinator.time.ClientTiming;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.rng.Rng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Asynchronous federated learning with FedBuff (Nguyen et al. 2022). {@code concurrency} clients train at
 * once; each starts from the newest global model as soon as a slot frees, and the server steps after every
 * {@code bufferSize} arrivals, each weighted by its staleness ({@link FedBuff}).
 *
 * <p>The simulated clock orders everything: a dispatched client's arrival time is known when it starts
 * (its profile's {@link ClientTiming}), arrivals are handled strictly in (arrival time, client id) order,
 * and a reply that comes back early in wall time waits until every earlier arrival was handled. So the
 * clients train in parallel on real threads, yet the result is the same on every run and machine. Which idle
 * client starts next is drawn from (seed, "async-sample", dispatch number). A client's training generator
 * is derived from its dispatch number, which it receives as the {@code round} of its {@code Train}.
 */
public final class AsyncCoordinator extends AbstractBehavior<AsyncCoordinator.Command> {

    public sealed interface Command {
    }

    private record Wrapped(ClientActor.Reply reply) implements Command {
    }

    /** A dispatched client: who, when it arrives, which model version it started from, its dispatch number. */
    record InFlight(int clientId, double arrives, int version, int dispatch) {
    }

    static final Comparator<InFlight> BY_ARRIVAL = Comparator.comparingDouble(InFlight::arrives)
            .thenComparingInt(InFlight::clientId);

    private final AsyncSettings settings;
    private final List<ActorRef<ClientActor.Command>> clients;
    private final Evaluator evaluator;
    private final RunListener listener;
    private final ActorRef<Coordinator.Finished> replyTo;
    private final ActorRef<ClientActor.Reply> replies;
    private final FedBuff buffer;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(BY_ARRIVAL);
    private final Map<Integer, ClientActor.Reply> early = new HashMap<>();
    private final TreeSet<Integer> idle = new TreeSet<>();
    private final long startNanos = System.nanoTime();
    private float[] global;
    private int version;
    private int dispatches;
    private double now;
    private double lastUpdateAt;
    private long lastUpdateNanos = System.nanoTime();
    private int failedSinceUpdate;
    private int startedSinceUpdate;
    private double lossSum;
    private long lossSamples;

    public static Behavior<Command> create(AsyncSettings settings, List<ActorRef<ClientActor.Command>> clients,
                                           float[] initialParams, Evaluator evaluator, RunListener listener,
                                           ActorRef<Coordinator.Finished> replyTo) {
        return Behaviors.setup(context -> new AsyncCoordinator(context, settings, clients, initialParams, evaluator,
                listener, replyTo));
    }

    private AsyncCoordinator(ActorContext<Command> context, AsyncSettings settings,
                             List<ActorRef<ClientActor.Command>> clients, float[] initialParams, Evaluator evaluator,
                             RunListener listener, ActorRef<Coordinator.Finished> replyTo) {
        super(context);
        this.settings = settings;
        this.clients = List.copyOf(clients);
        this.global = initialParams.clone();
        this.evaluator = evaluator;
        this.listener = listener;
        this.replyTo = replyTo;
        this.replies = context.messageAdapter(ClientActor.Reply.class, Wrapped::new);
        this.buffer = new FedBuff(initialParams.length, settings.bufferSize(), settings.serverLearningRate());
        for (int id = 0; id < clients.size(); id++) {
            idle.add(id);
        }
        for (int i = 0; i < settings.concurrency(); i++) {
            dispatch();
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Wrapped.class, this::onReply).build();
    }

    /** Starts an idle client, drawn at random, from the current model at the current simulated time. */
    private void dispatch() {
        if (idle.isEmpty()) {
            return;
        }
        List<Integer> candidates = new ArrayList<>(idle);
        int id = candidates.get(Rng.derive(settings.seed(), "async-sample", dispatches).nextInt(candidates.size()));
        idle.remove(id);
        dispatches++;
        startedSinceUpdate++;
        RoundConditions c = settings.conditions();
        long work = (long) settings.plan().epochs() * c.shardSizes().get(id);
        double arrives = now + ClientTiming.seconds(c.profiles().get(id), c.modelBytes(), c.updateBytes(), work);
        inFlight.add(new InFlight(id, arrives, version, dispatches));
        clients.get(id).tell(new ClientActor.Train(dispatches, global, settings.plan(), replies));
    }

    private Behavior<Command> onReply(Wrapped wrapped) {
        early.put(wrapped.reply().round(), wrapped.reply());
        while (!inFlight.isEmpty() && early.containsKey(inFlight.peek().dispatch())) {
            InFlight next = inFlight.poll();
            ClientActor.Reply reply = early.remove(next.dispatch());
            now = next.arrives();
            idle.add(next.clientId());
            if (reply instanceof ClientActor.Update update && buffer.add(update.result().delta(), version - next.version())) {
                addLoss(update);
                if (serverUpdate()) {
                    return Behaviors.stopped();
                }
            } else if (reply instanceof ClientActor.Update update) {
                addLoss(update);
            } else {
                failedSinceUpdate++;
            }
            dispatch();
        }
        return this;
    }

    private void addLoss(ClientActor.Update update) {
        if (update.result().numSamples() > 0) {
            lossSum += update.result().meanLoss() * update.result().numSamples();
            lossSamples += update.result().numSamples();
        }
    }

    /** Applies the buffer, records the update; true when the run is over. */
    private boolean serverUpdate() {
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("round_sim_seconds", now - lastUpdateAt);
        extra.put("sim_seconds", now);
        extra.put("staleness_mean", buffer.meanStaleness());
        extra.put("staleness_max", (double) buffer.maxStaleness());
        int arrivals = buffer.size();
        global = buffer.apply(global);
        version++;
        boolean last = version == settings.serverUpdates();
        boolean evaluate = last || version % settings.evalEvery() == 0;
        Evaluation eval = evaluate ? evaluator.evaluate(global) : Evaluation.EMPTY;
        long nanos = System.nanoTime();
        listener.onRound(new RoundRecord(version, startedSinceUpdate, arrivals, failedSinceUpdate,
                lossSamples == 0 ? Double.NaN : lossSum / lossSamples, evaluate, eval.meanLoss(), eval.accuracy(), null,
                (nanos - lastUpdateNanos) / 1e9, (nanos - startNanos) / 1e9, extra));
        lastUpdateAt = now;
        lastUpdateNanos = nanos;
        failedSinceUpdate = 0;
        startedSinceUpdate = 0;
        lossSum = 0;
        lossSamples = 0;
        String stop = last ? "completed " + version + " server updates" : null;
        if (stop == null && evaluate && settings.targetAccuracy().isPresent()
                && eval.accuracy() >= settings.targetAccuracy().getAsDouble()) {
            stop = String.format(java.util.Locale.ROOT, "reached the target accuracy %.4f at server update %d (test accuracy %.4f)",
                    settings.targetAccuracy().getAsDouble(), version, eval.accuracy());
        }
        if (stop != null) {
            replyTo.tell(new Coordinator.Finished(version, global, stop));
            return true;
        }
        return false;
    }
}
