package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.attack.Attack;
import io.fedsim.client.uplink.Compression;
import io.fedsim.client.uplink.UplinkEncoder;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.rng.Rng;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A client's attack and compression, applied between training and the wire. */
class UplinkPipelineTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final long SEED = 42;

    private final Model model = new LogisticRegression(2, 2);
    private final Shard shard = new Shard(LocalTrainerTest.gaussian(9, 20), new int[] {1, 3, 4, 8, 9, 12, 15});
    private final TrainingPlan plan = new TrainingPlan(2, 3, 0.5f);
    private final float[] global = {0.2f, -0.1f, 0f, 0.3f, 0.05f, -0.05f};

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    private Shard noLocalTest() {
        return new Shard(shard.data(), new int[0]);
    }

    private float[] honestDelta(int round, int id) {
        return LocalTrainer.train(model.newWorkspace(3), global, shard, plan, Rng.derive(SEED, "client", round, id)).delta();
    }

    @Test
    void aSignFlipperSendsMinusScaleTimesItsHonestUpdateAndKeepsItsOwnCopy() {
        Attack flip = new Attack(Attack.Kind.SIGN_FLIP, 3, 1, OptionalDouble.empty());
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(5, shard, noLocalTest(), model, SEED,
                new UplinkPipeline(flip, Compression.NONE)));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Train(1, global, plan, replies.ref()));
        ClientActor.Update update = replies.expectMessageClass(ClientActor.Update.class);

        float[] honest = honestDelta(1, 5);
        float[] expected = new float[honest.length];
        for (int i = 0; i < honest.length; i++) {
            expected[i] = honest[i] * -3f;
        }
        assertThat(update.result().delta()).containsExactly(honest);
        assertThat(WireFormat.decode(update.uplink())).containsExactly(expected);
        assertThat(update.uplink()).hasSize((int) WireFormat.denseBytes(6));
    }

    @Test
    void topKClientsKeepTheirResidualInPersistentStateAcrossRounds() {
        Compression topk = new Compression(Compression.Uplink.TOPK, 0.2, true); // k = 2 of 6
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(2, shard, noLocalTest(), model, SEED,
                new UplinkPipeline(Attack.NONE, topk)));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();
        TestProbe<ClientActor.StateSnapshot> states = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Train(1, global, plan, replies.ref()));
        float[] sent1 = WireFormat.decode(replies.expectMessageClass(ClientActor.Update.class).uplink());
        client.tell(new ClientActor.GetState(states.ref()));
        float[] residual = states.receiveMessage().state().get(UplinkEncoder.RESIDUAL);

        float[] honest1 = honestDelta(1, 2);
        for (int i = 0; i < 6; i++) {
            assertThat(sent1[i] + residual[i]).isEqualTo(honest1[i]); // nothing lost
            assertThat(sent1[i] == 0 || residual[i] == 0).isTrue();
        }
        assertThat(java.util.stream.IntStream.range(0, 6).filter(i -> sent1[i] != 0).count()).isEqualTo(2);

        client.tell(new ClientActor.Train(2, global, plan, replies.ref()));
        float[] sent2 = WireFormat.decode(replies.expectMessageClass(ClientActor.Update.class).uplink());
        float[] honest2 = honestDelta(2, 2);
        client.tell(new ClientActor.GetState(states.ref()));
        float[] residual2 = states.receiveMessage().state().get(UplinkEncoder.RESIDUAL);
        for (int i = 0; i < 6; i++) {
            assertThat(sent2[i] + residual2[i]).isEqualTo(honest2[i] + residual[i]);
        }
    }
}
