package io.fedsim.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.privacy.Clipping;
import io.fedsim.core.privacy.GaussianNoise;
import io.fedsim.core.rng.Rng;
import java.util.HashMap;
import java.util.Map;

/**
 * One federated client: it owns a private shard (a view into the shared dataset) and trains on it when the
 * coordinator asks. It holds no model; training borrows the running thread's workspace. Spawn it on the
 * training dispatcher so that clients train in parallel, one per core.
 *
 * <p><b>Persistent state.</b> Some algorithms keep state on the client from one round it takes part in to
 * the next (SCAFFOLD's control variate c_i, compression's error-feedback residual). It lives here, in this
 * actor, by name, and only this actor touches it; {@link GetState} and {@link RestoreState} copy it out for
 * a checkpoint and back in on resume. A client that never needed any holds an empty map.
 *
 * <p><b>Federated evaluation.</b> With a local test split the client trains on {@code shard} (its local
 * training part) and, on {@link Evaluate}, measures the given parameters on both parts.
 *
 * <p><b>Crashes.</b> An exception in training is a crash: the client first tells the round {@link Failed}
 * with the cause (so the round goes on at once instead of waiting for its wall-clock deadline), logs it once
 * with its cause, then lets the exception escape. Its supervisor restarts the actor; shard, model
 * and persistent state are given to the behaviour from outside, so the restarted client has them intact.
 * {@link ClientFaults} injects such crashes on purpose.
 */
public final class ClientActor extends AbstractBehavior<ClientActor.Command> {

    /** The client's protocol. */
    public sealed interface Command {
    }

    /** Train from {@code globalParams} (shared, read-only) as {@code plan} says, then reply to {@code replyTo}. */
    public record Train(int round, float[] globalParams, TrainingPlan plan, ActorRef<Reply> replyTo) implements Command {
    }

    /** Reply to {@code replyTo} with a deep copy of the client's persistent state. */
    public record GetState(ActorRef<StateSnapshot> replyTo) implements Command {
    }

    /** Replace the client's persistent state with a deep copy of {@code state} (a resumed run). */
    public record RestoreState(Map<String, float[]> state) implements Command {
        /** Copied when sent, not when handled: the sender may reuse its arrays while the message is queued. */
        public RestoreState {
            state = deepCopy(state);
        }
    }

    /**
     * Evaluate {@code params} (shared, read-only) on the local test split and on the local training data, then
     * reply {@link Evaluated} (or {@link Failed}) to {@code replyTo}. Draws no randomness and changes nothing.
     */
    public record Evaluate(int round, float[] params, ActorRef<EvaluationReply> replyTo) implements Command {
    }

    /** What a client answers to {@link Evaluate}. */
    public sealed interface EvaluationReply {
        int clientId();

        int round();
    }

    /** The client's figures for {@link Evaluate}: on its local training data and on its local test split. */
    public record Evaluated(int clientId, int round, Evaluation train, Evaluation test) implements EvaluationReply {
    }

    /** A client's persistent state, by name; empty when it has none. */
    public record StateSnapshot(int clientId, Map<String, float[]> state) {
    }

    /** What a client answers to {@link Train}. */
    public sealed interface Reply {
        int clientId();

        int round();
    }

    /**
     * A finished local update. {@code uplink} is the message as it travels ({@link io.fedsim.client.uplink.WireFormat}):
     * the server decodes it and never reads {@code result.delta()}, the client's own copy before attack and
     * compression.
     */
    public record Update(int clientId, int round, TrainResult result, byte[] uplink) implements Reply {
        /** An update sent uncompressed (dense float32). */
        public Update(int clientId, int round, TrainResult result) {
            this(clientId, round, result, WireFormat.dense(result.delta()));
        }
    }

    /** Training failed; {@code reason} says why. */
    public record Failed(int clientId, int round, String reason) implements Reply, EvaluationReply {
    }

    /**
     * The client cannot be reached (on a cluster: its node is unreachable or gone), said on its behalf by whoever
     * stands in for it: it drops out of the round, like a simulated drop-out, rather than failing.
     */
    public record Unreachable(int clientId, int round, String reason) implements Reply {
    }

    /** Evaluation only runs forward passes; batches this large amortise ND4J's per-op cost. */
    private static final int EVALUATION_BATCH = 500;

    private final int clientId;
    private final Shard shard;
    private final Shard localTest;
    private final Model model;
    private final long seed;
    private final ClientFaults faults;
    private final UplinkPipeline uplink;
    private final TrainingMeter meter;
    private final Map<String, float[]> state;
    private final Receive<Command> receive;

    /** A client without a local test split: {@link Evaluate} reports empty test figures. */
    public static Behavior<Command> create(int clientId, Shard shard, Model model, long seed) {
        return create(clientId, shard, new Shard(shard.data(), new int[0]), model, seed);
    }

    /**
     * An honest client sending dense updates.
     *
     * @param shard     the data the client trains on (with federated evaluation, its local training part)
     * @param localTest the client's local test split, never trained on
     */
    public static Behavior<Command> create(int clientId, Shard shard, Shard localTest, Model model, long seed) {
        return create(clientId, shard, localTest, model, seed, ClientFaults.NONE, UplinkPipeline.PLAIN);
    }

    /** A client without a local test split that crashes as {@code faults} says. */
    public static Behavior<Command> create(int clientId, Shard shard, Model model, long seed, ClientFaults faults) {
        return create(clientId, shard, new Shard(shard.data(), new int[0]), model, seed, faults, UplinkPipeline.PLAIN);
    }

    /** @param uplink the client's attack, if it is Byzantine, and the run's compression */
    public static Behavior<Command> create(int clientId, Shard shard, Shard localTest, Model model, long seed,
                                           UplinkPipeline uplink) {
        return create(clientId, shard, localTest, model, seed, ClientFaults.NONE, uplink);
    }

    /**
     * A supervised client that crashes as {@code faults} says (and on any exception in training), and restarts.
     *
     * @param uplink the client's attack, if it is Byzantine, and the run's compression
     */
    public static Behavior<Command> create(int clientId, Shard shard, Shard localTest, Model model, long seed,
                                           ClientFaults faults, UplinkPipeline uplink) {
        return create(clientId, shard, localTest, model, seed, faults, uplink, TrainingMeter.NONE);
    }

    /** The same, adding each local training's wall time to {@code meter} (a benchmark's). */
    public static Behavior<Command> create(int clientId, Shard shard, Shard localTest, Model model, long seed,
                                           ClientFaults faults, UplinkPipeline uplink, TrainingMeter meter) {
        Map<String, float[]> state = new HashMap<>(); // outside the setup: it survives restarts
        return Behaviors.supervise(Behaviors.<Command>setup(context ->
                        new ClientActor(context, clientId, shard, localTest, model, seed, faults, uplink, meter, state)))
                .onFailure(RuntimeException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
    }

    private ClientActor(ActorContext<Command> context, int clientId, Shard shard, Shard localTest, Model model,
                        long seed, ClientFaults faults, UplinkPipeline uplink, TrainingMeter meter,
                        Map<String, float[]> state) {
        super(context);
        this.clientId = clientId;
        this.shard = shard;
        this.localTest = localTest;
        this.model = model;
        this.seed = seed;
        this.faults = faults;
        this.uplink = uplink;
        this.meter = meter;
        this.state = state;
        this.receive = buildReceive();
    }

    /**
     * Built when the actor is, not on its first message as Akka would: a population spawned at start then holds
     * all it ever will from the start (about 300 bytes a client), and its heap stays flat as clients are sampled.
     */
    @Override
    public Receive<Command> createReceive() {
        return receive;
    }

    private Receive<Command> buildReceive() {
        return newReceiveBuilder()
                .onMessage(Train.class, this::onTrain)
                .onMessage(Evaluate.class, this::onEvaluate)
                .onMessage(GetState.class, this::onGetState)
                .onMessage(RestoreState.class, this::onRestoreState)
                .build();
    }

    private Behavior<Command> onGetState(GetState get) {
        get.replyTo().tell(new StateSnapshot(clientId, deepCopy(state)));
        return this;
    }

    private Behavior<Command> onRestoreState(RestoreState restore) {
        state.clear();
        state.putAll(deepCopy(restore.state()));
        return this;
    }

    private static Map<String, float[]> deepCopy(Map<String, float[]> from) {
        Map<String, float[]> copy = new HashMap<>();
        from.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }

    private Behavior<Command> onTrain(Train train) {
        try {
            faults.maybeCrash(seed, train.round(), clientId);
            ModelWorkspace ws = Workspaces.forCurrentThread(model, train.plan().effectiveBatchSize(shard.size()));
            Rng rng = Rng.derive(seed, "client", train.round(), clientId);
            long start = System.nanoTime();
            TrainResult result = train.plan().serverControl().isPresent()
                    ? ScaffoldClient.train(ws, train.globalParams(), shard, train.plan(), rng, state)
                    : LocalTrainer.train(ws, train.globalParams(), shard, train.plan(), rng);
            meter.record(start, System.nanoTime(), (long) result.numSamples() * train.plan().epochs());
            if (train.plan().localDp().isPresent()) {
                result = privatise(result, train.plan().localDp().get(), train.round());
            }
            byte[] message = uplink.send(result.delta(), seed, train.round(), clientId, state);
            train.replyTo().tell(new Update(clientId, train.round(), result, message));
        } catch (RuntimeException e) {
            // logged here, once (the supervisor's own logging is off): an injected crash in one line, a real
            // one with its stack trace
            if (e instanceof ClientFaults.InjectedCrash) {
                getContext().getLog().warn("client {} crashed in round {}: {}; restarting it", clientId, train.round(), e.getMessage());
            } else {
                getContext().getLog().error("client {} crashed in round {}; restarting it", clientId, train.round(), e);
            }
            train.replyTo().tell(new Failed(clientId, train.round(), "crashed: " + e));
            throw e;
        }
        return this;
    }

    private Behavior<Command> onEvaluate(Evaluate evaluate) {
        try {
            ModelWorkspace ws = Workspaces.forCurrentThread(model, EVALUATION_BATCH);
            ws.setParameters(evaluate.params());
            Evaluation train = shard.size() == 0 ? Evaluation.EMPTY : ws.evaluate(shard.data(), shard.indices());
            Evaluation test = localTest.size() == 0 ? Evaluation.EMPTY : ws.evaluate(localTest.data(), localTest.indices());
            evaluate.replyTo().tell(new Evaluated(clientId, evaluate.round(), train, test));
        } catch (RuntimeException e) {
            getContext().getLog().warn("client {} failed to evaluate in round {}", clientId, evaluate.round(), e);
            evaluate.replyTo().tell(new Failed(clientId, evaluate.round(), String.valueOf(e)));
        }
        return this;
    }

    /** Local DP: the update leaves the client clipped and noised, with noise from the client's own generator. */
    private TrainResult privatise(TrainResult result, TrainingPlan.LocalDp dp, int round) {
        float[] delta = Clipping.clipped(result.delta(), dp.clipNorm());
        GaussianNoise.addTo(delta, dp.noiseMultiplier() * dp.clipNorm(), Rng.derive(seed, "local-dp-noise", round, clientId));
        return new TrainResult(delta, result.numSamples(), result.meanLoss(), result.steps(), result.globalLoss(),
                result.controlDelta());
    }
}
