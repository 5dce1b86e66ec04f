package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClientActorTest {
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

    @Test
    void trainRepliesWithTheUpdateLocalTrainerComputesFromTheClientsDerivedGenerator() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(5, shard, model, SEED));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Train(3, global, plan, replies.ref()));
        ClientActor.Update update = replies.expectMessageClass(ClientActor.Update.class);

        TrainResult expected = LocalTrainer.train(model.newWorkspace(3), global, shard, plan,
                Rng.derive(SEED, "client", 3, 5));
        assertThat(update.clientId()).isEqualTo(5);
        assertThat(update.round()).isEqualTo(3);
        assertThat(update.result().numSamples()).isEqualTo(7);
        assertThat(update.result().steps()).isEqualTo(6);
        assertThat(update.result().delta()).containsExactly(expected.delta());
        assertThat(update.result().meanLoss()).isEqualTo(expected.meanLoss());
        assertThat(global).containsExactly(0.2f, -0.1f, 0f, 0.3f, 0.05f, -0.05f);
    }

    @Test
    void eachRoundAndEachClientDrawsItsOwnOrder() {
        ActorRef<ClientActor.Command> five = TEST_KIT.spawn(ClientActor.create(5, shard, model, SEED));
        ActorRef<ClientActor.Command> six = TEST_KIT.spawn(ClientActor.create(6, shard, model, SEED));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();

        five.tell(new ClientActor.Train(1, global, plan, replies.ref()));
        float[] fiveRound1 = replies.expectMessageClass(ClientActor.Update.class).result().delta();
        five.tell(new ClientActor.Train(2, global, plan, replies.ref()));
        float[] fiveRound2 = replies.expectMessageClass(ClientActor.Update.class).result().delta();
        six.tell(new ClientActor.Train(1, global, plan, replies.ref()));
        float[] sixRound1 = replies.expectMessageClass(ClientActor.Update.class).result().delta();
        five.tell(new ClientActor.Train(1, global, plan, replies.ref()));
        float[] fiveRound1Again = replies.expectMessageClass(ClientActor.Update.class).result().delta();

        assertThat(fiveRound1Again).containsExactly(fiveRound1);
        assertThat(fiveRound2).isNotEqualTo(fiveRound1);
        assertThat(sixRound1).isNotEqualTo(fiveRound1);
    }

    @Test
    void aShardThatDoesNotFitTheModelFailsWithAReasonAndTheClientKeepsAnswering() {
        Dataset threeFeatures = new Dataset("three-features", new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1}, 3, 2);
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(2, new Shard(threeFeatures,
                new int[] {0, 1}), model, SEED));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Train(1, global, plan, replies.ref()));
        ClientActor.Failed failed = replies.expectMessageClass(ClientActor.Failed.class);
        client.tell(new ClientActor.Train(2, global, plan, replies.ref()));
        ClientActor.Failed again = replies.expectMessageClass(ClientActor.Failed.class);

        assertThat(failed.clientId()).isEqualTo(2);
        assertThat(failed.round()).isEqualTo(1);
        assertThat(failed.reason()).contains("does not fit").contains("three-features");
        assertThat(again.round()).isEqualTo(2);
    }

    @Test
    void aFailedRoundDoesNotSpoilTheNextOne() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(4, shard, model, SEED));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Train(1, new float[5], plan, replies.ref()));
        ClientActor.Failed failed = replies.expectMessageClass(ClientActor.Failed.class);
        client.tell(new ClientActor.Train(2, global, plan, replies.ref()));
        ClientActor.Update update = replies.expectMessageClass(ClientActor.Update.class);

        assertThat(failed.reason()).contains("expected 6 parameters, got 5");
        TrainResult expected = LocalTrainer.train(model.newWorkspace(3), global, shard, plan,
                Rng.derive(SEED, "client", 2, 4));
        assertThat(update.result().delta()).containsExactly(expected.delta());
    }

    @Test
    void persistentStateIsEmptyAtFirstAndRoundTripsAsADeepCopy() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(4, shard, model, SEED));
        TestProbe<ClientActor.StateSnapshot> snapshots = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.GetState(snapshots.ref()));
        ClientActor.StateSnapshot empty = snapshots.receiveMessage();
        assertThat(empty.clientId()).isEqualTo(4);
        assertThat(empty.state()).isEmpty();

        float[] variate = {1f, 2f, 3f};
        client.tell(new ClientActor.RestoreState(java.util.Map.of("c", variate)));
        variate[0] = 99f; // the actor holds its own copy
        client.tell(new ClientActor.GetState(snapshots.ref()));
        ClientActor.StateSnapshot restored = snapshots.receiveMessage();
        assertThat(restored.state()).containsOnlyKeys("c");
        assertThat(restored.state().get("c")).containsExactly(1f, 2f, 3f);
    }
}
