package io.fedsim.simulation.cluster.wire;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import akka.serialization.jackson.JacksonObjectMapperProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.core.model.Evaluation;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The wire format of the messages that carry model parameters ({@link ClientActor}'s protocol): a small
 * header, then each float vector as a length and raw float32 little-endian values, so that a model of P
 * parameters costs 4P bytes plus a few dozen, with no per-value encoding. An update travels as its uplink
 * message ({@link WireFormat}: dense float32 little-endian, or the compressed encoding the scenario chose). The training plan inside a
 * {@link ClientActor.Train} is the one part encoded with Jackson CBOR (Akka's own object mapper, so its
 * {@code Optional} fields and any field added later travel without a change here). Every byte written or
 * read is counted in {@link #counters()}.
 */
public final class ParameterSerializer extends SerializerWithStringManifest {
    /** Unique among the system's serializers (Akka reserves 0 to 40). */
    public static final int IDENTIFIER = 7401;

    static final String TRAIN = "T";
    static final String UPDATE = "U";
    static final String FAILED = "F";
    static final String GET_STATE = "G";
    static final String RESTORE_STATE = "R";
    static final String STATE_SNAPSHOT = "S";
    static final String EVALUATE = "E";
    static final String EVALUATED = "V";

    private final ExtendedActorSystem system;
    private final WireCounters counters = new WireCounters();
    // created on first use: extensions must not be looked up while the system builds its serializers
    private volatile ActorRefResolver resolver;
    private volatile ObjectMapper cbor;

    public ParameterSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    /** The byte counts of the node whose serializer this is. */
    public WireCounters counters() {
        return counters;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        if (message instanceof ClientActor.Train) {
            return TRAIN;
        } else if (message instanceof ClientActor.Update) {
            return UPDATE;
        } else if (message instanceof ClientActor.Failed) {
            return FAILED;
        } else if (message instanceof ClientActor.GetState) {
            return GET_STATE;
        } else if (message instanceof ClientActor.RestoreState) {
            return RESTORE_STATE;
        } else if (message instanceof ClientActor.StateSnapshot) {
            return STATE_SNAPSHOT;
        } else if (message instanceof ClientActor.Evaluate) {
            return EVALUATE;
        } else if (message instanceof ClientActor.Evaluated) {
            return EVALUATED;
        }
        throw new IllegalArgumentException("ParameterSerializer cannot write " + message.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object message) {
        WireWriter out = new WireWriter();
        if (message instanceof ClientActor.Train t) {
            out.putInt(t.round()).putString(refString(t.replyTo())).putBytes(planBytes(t.plan())).putFloats(t.globalParams());
        } else if (message instanceof ClientActor.Update u) {
            TrainResult r = u.result();
            // the update as it travels (dense float32, or compressed), never the client's own pre-attack copy
            out.putInt(u.clientId()).putInt(u.round()).putInt(r.numSamples()).putDouble(r.meanLoss()).putInt(r.steps())
                    .putDouble(r.globalLoss()).putBytes(u.uplink());
            // SCAFFOLD's control-variate change, when the round has one: a presence flag, then the raw vector
            out.putInt(r.controlDelta().isPresent() ? 1 : 0);
            r.controlDelta().ifPresent(out::putFloats);
        } else if (message instanceof ClientActor.Failed f) {
            out.putInt(f.clientId()).putInt(f.round()).putString(f.reason());
        } else if (message instanceof ClientActor.GetState g) {
            out.putString(refString(g.replyTo()));
        } else if (message instanceof ClientActor.RestoreState r) {
            putState(out, r.state());
        } else if (message instanceof ClientActor.StateSnapshot s) {
            putState(out.putInt(s.clientId()), s.state());
        } else if (message instanceof ClientActor.Evaluate e) {
            out.putInt(e.round()).putString(refString(e.replyTo())).putFloats(e.params());
        } else if (message instanceof ClientActor.Evaluated e) {
            putEvaluation(putEvaluation(out.putInt(e.clientId()).putInt(e.round()), e.train()), e.test());
        } else {
            throw new IllegalArgumentException("ParameterSerializer cannot write " + message.getClass().getName());
        }
        byte[] bytes = out.toByteArray();
        counters.countSent(message instanceof ClientActor.Train || message instanceof ClientActor.Evaluate, bytes.length);
        return bytes;
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        WireReader in = new WireReader(bytes);
        Object message = switch (manifest) {
            case TRAIN -> {
                int round = in.getInt();
                ActorRef<ClientActor.Reply> replyTo = resolve(in.getString());
                TrainingPlan plan = plan(in.getBytes());
                yield new ClientActor.Train(round, in.getFloats(), plan, replyTo);
            }
            case UPDATE -> {
                int clientId = in.getInt();
                int round = in.getInt();
                int samples = in.getInt();
                double meanLoss = in.getDouble();
                int steps = in.getInt();
                double globalLoss = in.getDouble();
                byte[] uplink = in.getBytes();
                Optional<float[]> controlDelta = in.getInt() == 1 ? Optional.of(in.getFloats()) : Optional.empty();
                // the server decodes the uplink; the result's delta is what it decodes to, so both tell the same
                yield new ClientActor.Update(clientId, round,
                        new TrainResult(WireFormat.decode(uplink), samples, meanLoss, steps, globalLoss, controlDelta), uplink);
            }
            case FAILED -> new ClientActor.Failed(in.getInt(), in.getInt(), in.getString());
            case GET_STATE -> new ClientActor.GetState(resolve(in.getString()));
            case RESTORE_STATE -> new ClientActor.RestoreState(getState(in));
            case STATE_SNAPSHOT -> new ClientActor.StateSnapshot(in.getInt(), getState(in));
            case EVALUATE -> {
                int round = in.getInt();
                ActorRef<ClientActor.EvaluationReply> replyTo = resolve(in.getString());
                yield new ClientActor.Evaluate(round, in.getFloats(), replyTo);
            }
            case EVALUATED -> new ClientActor.Evaluated(in.getInt(), in.getInt(), getEvaluation(in), getEvaluation(in));
            default -> throw new NotSerializableException("ParameterSerializer: unknown manifest '" + manifest + "'");
        };
        in.expectEnd(manifest);
        counters.countReceived(TRAIN.equals(manifest) || EVALUATE.equals(manifest), bytes.length);
        return message;
    }

    private static WireWriter putEvaluation(WireWriter out, Evaluation e) {
        return out.putDouble(e.lossSum()).putLong(e.correct()).putLong(e.count());
    }

    private static Evaluation getEvaluation(WireReader in) {
        return new Evaluation(in.getDouble(), in.getLong(), in.getLong());
    }

    private static void putState(WireWriter out, Map<String, float[]> state) {
        Map<String, float[]> sorted = new TreeMap<>(state); // a fixed order: same state, same bytes
        out.putInt(sorted.size());
        sorted.forEach((name, values) -> out.putString(name).putFloats(values));
    }

    private static Map<String, float[]> getState(WireReader in) {
        int n = in.getInt();
        Map<String, float[]> state = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            state.put(in.getString(), in.getFloats());
        }
        return state;
    }

    private String refString(ActorRef<?> ref) {
        return resolver().toSerializationFormat(ref);
    }

    private <T> ActorRef<T> resolve(String ref) {
        return resolver().resolveActorRef(ref);
    }

    private ActorRefResolver resolver() {
        ActorRefResolver r = resolver;
        if (r == null) {
            r = ActorRefResolver.get(Adapter.toTyped(system));
            resolver = r;
        }
        return r;
    }

    private byte[] planBytes(TrainingPlan plan) {
        try {
            return mapper().writeValueAsBytes(plan);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the training plan " + plan, e);
        }
    }

    private TrainingPlan plan(byte[] bytes) {
        try {
            return mapper().readValue(bytes, TrainingPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not decode a training plan", e);
        }
    }

    private ObjectMapper mapper() {
        ObjectMapper m = cbor;
        if (m == null) {
            m = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.of(new CBORFactory()));
            cbor = m;
        }
        return m;
    }
}
