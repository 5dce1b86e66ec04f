package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClientEvaluateTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    private final Model model = new LogisticRegression(2, 2);
    private final Dataset data = LocalTrainerTest.gaussian(9, 20);
    private final Shard train = new Shard(data, new int[] {1, 3, 4, 8, 9, 12, 15});
    private final Shard test = new Shard(data, new int[] {0, 5, 11});
    private final float[] params = {0.2f, -0.1f, 0f, 0.3f, 0.05f, -0.05f};

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void evaluateMeasuresTheParamsOnTheLocalTestSplitAndTheLocalTrainingData() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(4, train, test, model, 42));
        TestProbe<ClientActor.EvaluationReply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Evaluate(7, params, replies.ref()));
        ClientActor.Evaluated evaluated = replies.expectMessageClass(ClientActor.Evaluated.class);

        ModelWorkspace ws = model.newWorkspace(10);
        ws.setParameters(params);
        Evaluation expectedTest = ws.evaluate(data, test.indices());
        Evaluation expectedTrain = ws.evaluate(data, train.indices());
        assertThat(evaluated.clientId()).isEqualTo(4);
        assertThat(evaluated.round()).isEqualTo(7);
        assertThat(evaluated.test()).isEqualTo(expectedTest);
        assertThat(evaluated.train()).isEqualTo(expectedTrain);
        assertThat(evaluated.test().count()).isEqualTo(3);
        assertThat(evaluated.train().count()).isEqualTo(7);
        assertThat(params).containsExactly(0.2f, -0.1f, 0f, 0.3f, 0.05f, -0.05f);
    }

    @Test
    void zeroParametersGiveLogTwoPerSampleOnTwoClasses() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(1, train, test, model, 42));
        TestProbe<ClientActor.EvaluationReply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Evaluate(1, new float[6], replies.ref()));
        ClientActor.Evaluated evaluated = replies.expectMessageClass(ClientActor.Evaluated.class);

        assertThat(evaluated.test().lossSum()).isCloseTo(3 * Math.log(2), within(1e-5));
        assertThat(evaluated.train().lossSum()).isCloseTo(7 * Math.log(2), within(1e-5));
    }

    @Test
    void withoutALocalTestSplitTheTestFiguresAreEmpty() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(2, train, model, 42));
        TestProbe<ClientActor.EvaluationReply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Evaluate(1, params, replies.ref()));
        ClientActor.Evaluated evaluated = replies.expectMessageClass(ClientActor.Evaluated.class);

        assertThat(evaluated.test()).isEqualTo(Evaluation.EMPTY);
        assertThat(evaluated.train().count()).isEqualTo(7);
    }

    @Test
    void aShardThatDoesNotFitTheModelFailsWithAReason() {
        Dataset threeFeatures = new Dataset("three-features", new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1}, 3, 2);
        Shard bad = new Shard(threeFeatures, new int[] {0, 1});
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(3, bad, bad, model, 42));
        TestProbe<ClientActor.EvaluationReply> replies = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Evaluate(2, params, replies.ref()));
        ClientActor.Failed failed = replies.expectMessageClass(ClientActor.Failed.class);
        assertThat(failed.clientId()).isEqualTo(3);
        assertThat(failed.round()).isEqualTo(2);
    }
}
