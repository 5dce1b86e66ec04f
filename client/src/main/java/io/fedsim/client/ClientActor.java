package io.fedsim.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
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
        /** Copied when the message is made: the sender may reuse its arrays before the actor reads them. */
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

    /** Evaluation only runs forward passes; batches this large amortise ND4J's per-op cost. */
    private static final int EVALUATION_BATCH = 500;

    private final int clientId;
    private final Shard shard;
    private final Shard localTest;
    private final Model model;
    private final long seed;
    private final UplinkPipeline uplink;
    private final Map<String, float[]> state = new HashMap<>();

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
        return create(clientId, shard, localTest, model, seed, UplinkPipeline.PLAIN);
    }

    /** @param uplink the client's attack, if it is Byzantine, and the run's compression */
    public static Behavior<Command> create(int clientId, Shard shard, Shard localTest, Model model, long seed,
                                           UplinkPipeline uplink) {
        return Behaviors.setup(context -> new ClientActor(context, clientId, shard, localTest, model, seed, uplink));
    }

    private ClientActor(ActorContext<Command> context, int clientId, Shard shard, Shard localTest, Model model, long seed,
                        UplinkPipeline uplink) {
        super(context);
        this.clientId = clientId;
        this.shard = shard;
        this.localTest = localTest;
        this.model = model;
        this.seed = seed;
        this.uplink = uplink;
    }

    @Override
    public Receive<Command> createReceive() {
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
            ModelWorkspace ws = Workspaces.forCurrentThread(model, train.plan().effectiveBatchSize(shard.size()));
            Rng rng = Rng.derive(seed, "client", train.round(), clientId);
            TrainResult result = LocalTrainer.train(ws, train.globalParams(), shard, train.plan(), rng);
            if (train.plan().localDp().isPresent()) {
                result = privatise(result, train.plan().localDp().get(), train.round());
            }
            byte[] message = uplink.send(result.delta().clone(), seed, train.round(), clientId, state);
            train.replyTo().tell(new Update(clientId, train.round(), result, message));
        } catch (RuntimeException e) {
            getContext().getLog().warn("client {} failed in round {}", clientId, train.round(), e);
            train.replyTo().tell(new Failed(clientId, train.round(), String.valueOf(e)));
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
        return new TrainResult(delta, result.numSamples(), result.meanLoss(), result.steps(), result.globalLoss());
    }
}
