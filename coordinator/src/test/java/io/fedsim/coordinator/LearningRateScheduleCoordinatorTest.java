package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.LearningRateSchedule;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.FedProx;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The coordinator hands each round's cohort the scheduled learning rate, before the strategy adds its terms. */
class LearningRateScheduleCoordinatorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final float LR = 0.5f;
    private static final double DECAY = 0.9;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void roundThreesTrainCarriesTheLearningRateTimesDecaySquared() {
        Model model = new LogisticRegression(2, 2);
        Dataset test = new Dataset("tiny", new float[] {1, 0, -1, 0}, new int[] {1, 0}, 2, 2);
        List<TestProbe<ClientActor.Command>> probes = IntStream.range(0, 2)
                .mapToObj(k -> TEST_KIT.<ClientActor.Command>createTestProbe("client-" + k)).toList();
        TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
        TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();
        CoordinatorSettings settings = new CoordinatorSettings(3, 2024, new CohortSampling.Fixed(2), 3,
                OptionalDouble.empty(), new TrainingPlan(1, 2, LR), WAIT, LearningRateSchedule.exponential(DECAY));
        List<ActorRef<ClientActor.Command>> clients = probes.stream().map(TestProbe::ref).toList();
        RunListener listener = records.ref()::tell;
        TEST_KIT.spawn(Coordinator.create(settings, clients, new float[model.numParameters()], new FedProx(0.01, 1.0),
                new Evaluator(model, test), listener, finished.ref())).tell(Coordinator.Start.INSTANCE);

        float[] expected = {LR, (float) (LR * DECAY), (float) (LR * DECAY * DECAY)};
        for (int r = 1; r <= 3; r++) {
            for (int id = 0; id < 2; id++) {
                ClientActor.Train train = probes.get(id).expectMessageClass(ClientActor.Train.class, WAIT);
                assertThat(train.round()).isEqualTo(r);
                assertThat(train.plan().learningRate()).as("round %d's learning rate", r).isEqualTo(expected[r - 1]);
                assertThat(train.plan().proximalMu()).as("FedProx's mu on top of the schedule").isEqualTo(0.01f);
                assertThat(train.plan().epochs()).isEqualTo(1);
                train.replyTo().tell(new ClientActor.Update(id, r, new TrainResult(new float[6], 1, 0.5, 1)));
            }
            records.receiveMessage(WAIT);
        }
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(settings.plan().learningRate()).as("the base plan is left as it was").isEqualTo(LR);
    }
}
