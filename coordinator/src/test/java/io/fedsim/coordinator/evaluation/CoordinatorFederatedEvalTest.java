package io.fedsim.coordinator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.LearningRateSchedule;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.CohortSampling;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.CoordinatorSettings;
import io.fedsim.coordinator.Evaluator;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CoordinatorFederatedEvalTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private record ClientRows(int round, List<ClientEvaluation> rows) {
    }

    private final Model model = new LogisticRegression(2, 2);
    private final Dataset data = separable(24);
    private final TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
    private final TestProbe<ClientRows> clientRows = TEST_KIT.createTestProbe();
    private final TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void evaluatesEveryClientEveryNRoundsAndAfterTheLastAndRecordsTheFairnessFigures() {
        List<Shard> tests = new ArrayList<>();
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>();
        for (int k = 0; k < 3; k++) { // client k trains on 4 samples from 8k and is tested on the 4 after them
            Shard train = new Shard(data, new int[] {8 * k, 8 * k + 1, 8 * k + 2, 8 * k + 3});
            Shard test = new Shard(data, new int[] {8 * k + 4, 8 * k + 5, 8 * k + 6, 8 * k + 7});
            tests.add(test);
            clients.add(TEST_KIT.spawn(ClientActor.create(k, train, test, model, 7)));
        }
        run(new FederatedEvaluation(2, 1.0), 3, clients);

        ClientRows second = clientRows.expectMessageClass(ClientRows.class, WAIT);
        ClientRows third = clientRows.expectMessageClass(ClientRows.class, WAIT);
        List<RoundRecord> rounds = records.receiveSeveralMessages(3, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);

        assertThat(second.round()).isEqualTo(2);
        assertThat(third.round()).isEqualTo(3);
        assertThat(third.rows()).extracting(ClientEvaluation::clientId).containsExactly(0, 1, 2);
        ModelWorkspace ws = model.newWorkspace(8);
        ws.setParameters(done.finalParams());
        for (int k = 0; k < 3; k++) {
            Evaluation expected = ws.evaluate(data, tests.get(k).indices());
            ClientEvaluation row = third.rows().get(k);
            assertThat(row.samples()).isEqualTo(4);
            assertThat(row.testAccuracy()).isEqualTo(expected.accuracy());
            assertThat(row.testLoss()).isEqualTo(expected.meanLoss());
        }
        assertThat(rounds.get(0).extra()).doesNotContainKeys("fed_accuracy_mean");
        assertThat(rounds.get(1).extra()).containsKeys("fed_accuracy_mean", "fed_accuracy_worst10", "fed_accuracy_std", "fed_jain");
        double[] acc = third.rows().stream().mapToDouble(ClientEvaluation::testAccuracy).toArray();
        assertThat(rounds.get(2).extra().get("fed_accuracy_mean")).isEqualTo(FairnessKernels.mean(acc));
        assertThat(rounds.get(2).extra().get("fed_jain")).isEqualTo(FairnessKernels.jain(acc));
    }

    @Test
    void aClientThatNeverAnswersIsLeftOutWhenTheDeadlinePasses() {
        TestProbe<ClientActor.Command> silent = TEST_KIT.createTestProbe();
        Shard shard = new Shard(data, new int[] {0, 1, 2, 3});
        List<ActorRef<ClientActor.Command>> clients = List.of(
                TEST_KIT.spawn(ClientActor.create(0, shard, shard, model, 7)), silent.ref());
        CoordinatorSettings settings = settings(new FederatedEvaluation(1, 1.0), 1, Duration.ofMillis(300));
        start(settings, clients);

        silent.expectMessageClass(ClientActor.Train.class, WAIT);  // never answered: the round times out
        silent.expectMessageClass(ClientActor.Evaluate.class, WAIT); // nor this: the evaluation times out
        ClientRows rows = clientRows.expectMessageClass(ClientRows.class, WAIT);
        assertThat(rows.rows()).extracting(ClientEvaluation::clientId).containsExactly(0);
        assertThat(records.expectMessageClass(RoundRecord.class, WAIT).extra()).containsKey("fed_accuracy_mean");
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);
    }

    private void run(FederatedEvaluation fe, int rounds, List<ActorRef<ClientActor.Command>> clients) {
        start(settings(fe, rounds, WAIT), clients);
    }

    private CoordinatorSettings settings(FederatedEvaluation fe, int rounds, Duration timeout) {
        return new CoordinatorSettings(rounds, 2024, new CohortSampling.Fixed(2), 1, OptionalDouble.empty(),
                new TrainingPlan(1, 2, 0.5f), timeout, LearningRateSchedule.CONSTANT, fe);
    }

    private void start(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients) {
        RunListener listener = new RunListener() {
            @Override
            public void onRound(RoundRecord record) {
                records.ref().tell(record);
            }

            @Override
            public void onClientEvaluations(int round, List<ClientEvaluation> evaluations) {
                clientRows.ref().tell(new ClientRows(round, evaluations));
            }
        };
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, clients,
                new float[model.numParameters()], new FedAvg(), new Evaluator(model, data), listener, finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);
    }

    private static Dataset separable(int n) {
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[2 * i] = (y[i] == 1 ? 1 : -1) * (1 + i / (float) n);
            x[2 * i + 1] = (i % 3) - 1;
        }
        return new Dataset("separable", x, y, 2, 2);
    }
}
