package io.fedsim.simulation.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.SerializerWithStringManifest;
import akka.serialization.Serializers;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.core.model.Evaluation;
import io.fedsim.simulation.cluster.wire.ParameterSerializer;
import io.fedsim.simulation.cluster.wire.WireCounters;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The messages that cross the cluster, through the serializers a node really configures (ClusterConfig):
 * parameters as raw float32 little-endian, control messages as Jackson CBOR, Java serialization refused.
 */
class WireFormatTest {
    private static ActorTestKit kit;
    private static Serialization serialization;

    @BeforeAll
    static void boot() {
        // a cluster node that joins nobody (no seed nodes) on a free port: only its serializers are used
        kit = ActorTestKit.create(ClusterConfig.SYSTEM_NAME, ClusterConfig.forNode(ClusterConfig.CLIENTS_ROLE,
                new HostPort("127.0.0.1", 0), List.of(), ClusterConfig.maximumFrameSize(10), ClusterSettings.load(Optional.empty(),
                        List.of()), 1));
        serialization = SerializationExtension.get(kit.system());
    }

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void aTrainRequestCarriesItsParametersAsRawLittleEndianFloats() {
        TestProbe<ClientActor.Reply> probe = kit.createTestProbe();
        float[] params = {1.0f, -2.5f, 0f, Float.MIN_VALUE, 3.25e7f};
        TrainingPlan plan = new TrainingPlan(2, 10, 0.05f, 0.01f, Optional.of(new TrainingPlan.LocalDp(1.5, 0.8)), true);
        ClientActor.Train train = new ClientActor.Train(7, params, plan, probe.getRef());

        byte[] bytes = serializer(train).toBinary(train);
        ClientActor.Train back = (ClientActor.Train) roundTrip(train, bytes);

        assertThat(back.round()).isEqualTo(7);
        assertThat(back.globalParams()).containsExactly(params);
        assertThat(back.plan()).isEqualTo(plan);
        assertThat(back.replyTo()).isEqualTo(probe.getRef());
        // the payload ends with the vector: its length, then 4 bytes per value, little-endian (1.0f = 00 00 80 3F)
        ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 4 * params.length - 4, 4 * params.length + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(tail.getInt()).isEqualTo(params.length);
        assertThat(new byte[] {bytes[bytes.length - 20], bytes[bytes.length - 19], bytes[bytes.length - 18], bytes[bytes.length - 17]})
                .containsExactly(0x00, 0x00, 0x80, 0x3F);
        for (float p : params) {
            assertThat(tail.getFloat()).isEqualTo(p);
        }
    }

    @Test
    void aPlanWithoutLocalDpSurvivesTheTrip() {
        TestProbe<ClientActor.Reply> probe = kit.createTestProbe();
        TrainingPlan plan = new TrainingPlan(1, 0, 0.1f);
        ClientActor.Train train = new ClientActor.Train(1, new float[0], plan, probe.getRef());

        ClientActor.Train back = (ClientActor.Train) roundTrip(train, serializer(train).toBinary(train));

        assertThat(back.plan()).isEqualTo(plan);
        assertThat(back.plan().localDp()).isEmpty();
        assertThat(back.globalParams()).isEmpty();
    }

    @Test
    void anUpdateIsAFixedHeaderPlusItsUplinkMessage() {
        float[] delta = new float[1000];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = (float) Math.sin(i);
        }
        ClientActor.Update update = new ClientActor.Update(12, 3, new TrainResult(delta, 250, 0.75, 25));

        byte[] bytes = serializer(update).toBinary(update);
        ClientActor.Update back = (ClientActor.Update) roundTrip(update, bytes);

        // clientId, round, samples, steps (4 ints) + meanLoss, globalLoss (2 doubles) + length + the dense uplink
        // and a 4-byte flag: no SCAFFOLD control-variate change
        assertThat(bytes).hasSize(4 * 4 + 2 * 8 + 4 + WireFormat.HEADER_BYTES + 4000 + 4);
        assertThat(back.clientId()).isEqualTo(12);
        assertThat(back.round()).isEqualTo(3);
        assertThat(back.uplink()).isEqualTo(update.uplink());
        assertThat(back.result().delta()).containsExactly(delta);
        assertThat(back.result().numSamples()).isEqualTo(250);
        assertThat(back.result().meanLoss()).isEqualTo(0.75);
        assertThat(back.result().steps()).isEqualTo(25);
        assertThat(back.result().globalLoss()).isNaN();
    }

    @Test
    void whatTravelsIsTheUplinkNotTheClientsOwnCopy() {
        // an attacker's update: its own delta stays home, the scaled message is what the server receives
        float[] honest = {1f, 2f, 3f};
        byte[] attacked = WireFormat.dense(new float[] {-10f, -20f, -30f});
        ClientActor.Update update = new ClientActor.Update(1, 1, new TrainResult(honest, 10, 0.5, 1), attacked);

        ClientActor.Update back = (ClientActor.Update) roundTrip(update, serializer(update).toBinary(update));

        assertThat(back.uplink()).isEqualTo(attacked);
        assertThat(back.result().delta()).containsExactly(-10f, -20f, -30f);
    }

    @Test
    void scaffoldsControlVariateChangeTravelsWithTheUpdate() {
        TestProbe<ClientActor.Reply> probe = kit.createTestProbe();
        ClientActor.Update update = new ClientActor.Update(2, 4,
                new TrainResult(new float[] {1f}, 10, 0.5, 1).withControlDelta(new float[] {0.5f, -0.25f}));
        TrainingPlan plan = new TrainingPlan(1, 10, 0.1f).withServerControl(new float[] {0.125f, 2f});
        ClientActor.Train train = new ClientActor.Train(4, new float[] {1f, 2f}, plan, probe.getRef());

        ClientActor.Update back = (ClientActor.Update) roundTrip(update, serializer(update).toBinary(update));
        ClientActor.Train trainBack = (ClientActor.Train) roundTrip(train, serializer(train).toBinary(train));

        assertThat(back.result().controlDelta()).hasValueSatisfying(c -> assertThat(c).containsExactly(0.5f, -0.25f));
        assertThat(trainBack.plan().serverControl()).hasValueSatisfying(c -> assertThat(c).containsExactly(0.125f, 2f));
    }

    @Test
    void failuresAndClientStateRoundTrip() {
        TestProbe<ClientActor.StateSnapshot> probe = kit.createTestProbe();
        ClientActor.Failed failed = new ClientActor.Failed(4, 9, "out of memory: é");
        ClientActor.RestoreState restore = new ClientActor.RestoreState(Map.of("c", new float[] {1, 2}, "e", new float[] {3}));
        ClientActor.StateSnapshot snapshot = new ClientActor.StateSnapshot(5, Map.of("c", new float[] {0.5f}));
        ClientActor.GetState get = new ClientActor.GetState(probe.getRef());

        assertThat(roundTrip(failed, serializer(failed).toBinary(failed))).isEqualTo(failed);
        assertThat(((ClientActor.RestoreState) roundTrip(restore, serializer(restore).toBinary(restore))).state())
                .containsOnlyKeys("c", "e").satisfies(m -> assertThat(m.get("c")).containsExactly(1, 2));
        ClientActor.StateSnapshot snapBack = (ClientActor.StateSnapshot) roundTrip(snapshot, serializer(snapshot).toBinary(snapshot));
        assertThat(snapBack.clientId()).isEqualTo(5);
        assertThat(snapBack.state().get("c")).containsExactly(0.5f);
        assertThat(((ClientActor.GetState) roundTrip(get, serializer(get).toBinary(get))).replyTo()).isEqualTo(probe.getRef());
    }

    @Test
    void federatedEvaluationRequestsAndAnswersRoundTrip() {
        TestProbe<ClientActor.EvaluationReply> probe = kit.createTestProbe();
        ClientActor.Evaluate evaluate = new ClientActor.Evaluate(5, new float[] {0.25f, -1f}, probe.getRef());
        ClientActor.Evaluated evaluated = new ClientActor.Evaluated(3, 5, new Evaluation(12.5, 40, 50), new Evaluation(2.0, 9, 10));

        ClientActor.Evaluate back = (ClientActor.Evaluate) roundTrip(evaluate, serializer(evaluate).toBinary(evaluate));
        byte[] evaluatedBytes = serializer(evaluated).toBinary(evaluated);

        assertThat(back.round()).isEqualTo(5);
        assertThat(back.params()).containsExactly(0.25f, -1f);
        assertThat(back.replyTo()).isEqualTo(probe.getRef());
        assertThat(roundTrip(evaluated, evaluatedBytes)).isEqualTo(evaluated);
        assertThat(evaluatedBytes).hasSize(2 * 4 + 2 * (8 + 8 + 8));
    }

    @Test
    void theSerializerCountsTheBytesItWritesAndReads() {
        WireCounters counters = CoordinatorNode.counters(kit.system());
        long trainBefore = counters.trainSent();
        long replyBefore = counters.replyReceived();
        TestProbe<ClientActor.Reply> probe = kit.createTestProbe();
        ClientActor.Train train = new ClientActor.Train(1, new float[100], new TrainingPlan(1, 10, 0.1f), probe.getRef());
        ClientActor.Update update = new ClientActor.Update(1, 1, new TrainResult(new float[100], 5, 0.1, 1));

        byte[] trainBytes = serialization.serialize(train).get();
        byte[] updateBytes = serialization.serialize(update).get();
        serialization.deserialize(updateBytes, ParameterSerializer.IDENTIFIER, "U").get();

        assertThat(counters.trainSent() - trainBefore).isEqualTo(trainBytes.length);
        assertThat(counters.replyReceived() - replyBefore).isEqualTo(updateBytes.length);
        assertThat(trainBytes.length).isGreaterThan(400);
    }

    @Test
    void controlMessagesTravelAsCbor() {
        TestProbe<ClientHost.HostReply> replies = kit.createTestProbe();
        TestProbe<ClientActor.Command> client = kit.createTestProbe();
        ClientHost.Host host = new ClientHost.Host(1, 3, "seed 1, 10 clients", "rounds = 3\nseed = 1\n", replies.getRef());
        ClientHost.Hosted hosted = new ClientHost.Hosted(1, 3, List.of(client.getRef(), client.getRef()));

        assertThat(serializer(host).getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
        assertThat(viaSerializer(host)).isEqualTo(host);
        assertThat(viaSerializer(hosted)).isEqualTo(hosted);
        assertThat(viaSerializer(new ClientHost.Refused(2, "no"))).isEqualTo(new ClientHost.Refused(2, "no"));
        assertThat(viaSerializer(ClientHost.Shutdown.INSTANCE)).isSameAs(ClientHost.Shutdown.INSTANCE);
    }

    @Test
    void javaSerializationIsRefused() {
        ArrayList<Integer> plainJava = new ArrayList<>(List.of(1, 2));
        assertThatThrownBy(() -> serialization.serialize(plainJava).get()).hasMessageContaining("Java serialization");
    }

    private static Serializer serializer(Object message) {
        return serialization.findSerializerFor(message);
    }

    private static Object roundTrip(Object message, byte[] bytes) {
        String manifest = Serializers.manifestFor(serializer(message), message);
        assertThat(serializer(message)).isInstanceOf(SerializerWithStringManifest.class);
        return serialization.deserialize(bytes, serializer(message).identifier(), manifest).get();
    }

    private static Object viaSerializer(Object message) {
        return roundTrip(message, serialization.serialize(message).get());
    }
}
