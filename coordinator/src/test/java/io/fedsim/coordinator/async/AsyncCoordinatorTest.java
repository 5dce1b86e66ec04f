package io.fedsim.coordinator.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.Evaluator;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.time.ClientProfile;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.LogisticRegression;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AsyncCoordinatorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int P = 6;

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void arrivalsAreHandledInSimulatedTimeOrderWhateverTheWallClockOrder() {
        // speed 1 sample/s, no transfers: clients 0, 1, 2 (2, 3 and 1 samples) take 2, 3 and 1 simulated seconds
        List<ClientProfile> profiles = IntStream.range(0, 3).mapToObj(i -> new ClientProfile(1, 1, 1, 0, 1)).toList();
        RoundConditions clock = new RoundConditions(profiles, List.of(2, 3, 1), 0, 0, OptionalDouble.empty(),
                Optional.empty(), 0, 0, 0, 0);
        AsyncSettings settings = new AsyncSettings(3, 7, 1, 3, 1.0, 100, OptionalDouble.empty(),
                new TrainingPlan(1, 1, 0.1f), clock);
        List<TestProbe<ClientActor.Command>> probes = IntStream.range(0, 3)
                .mapToObj(i -> TEST_KIT.<ClientActor.Command>createTestProbe()).toList();
        TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
        TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();
        LogisticRegression model = new LogisticRegression(2, 2);
        Dataset data = new Dataset("d", new float[] {1, 0, 0, 1}, new int[] {0, 1}, 2, 2);
        TEST_KIT.spawn(AsyncCoordinator.create(settings, probes.stream().map(TestProbe::ref).toList(), new float[P],
                new Evaluator(model, data), records.ref()::tell, finished.ref()));

        ClientActor.Train t0 = probes.get(0).expectMessageClass(ClientActor.Train.class, WAIT);
        ClientActor.Train t1 = probes.get(1).expectMessageClass(ClientActor.Train.class, WAIT);
        ClientActor.Train t2 = probes.get(2).expectMessageClass(ClientActor.Train.class, WAIT);
        // wall-clock order 1, 0, 2: the reverse of the simulated arrivals 2 (t=1), 0 (t=2), 1 (t=3)
        reply(t1, 1, 2);
        reply(t0, 0, 1);
        records.expectNoMessage(Duration.ofMillis(200)); // client 2 arrives first in simulated time: wait for it
        reply(t2, 2, 4);

        // client 2 restarts at t=1 from version 1 and arrives at t=2, tied with client 0: client 0 goes first
        ClientActor.Train again = probes.get(2).expectMessageClass(ClientActor.Train.class, WAIT);
        assertThat(again.globalParams()).containsOnly(4f);
        reply(again, 2, 8);

        List<RoundRecord> updates = records.receiveSeveralMessages(3, WAIT);
        assertThat(updates).extracting(r -> r.extra().get("sim_seconds")).containsExactly(1.0, 2.0, 2.0);
        assertThat(updates).extracting(r -> r.extra().get("round_sim_seconds")).containsExactly(1.0, 1.0, 0.0);
        assertThat(updates).extracting(r -> r.extra().get("staleness_max")).containsExactly(0.0, 1.0, 1.0);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(done.rounds()).isEqualTo(3);
        // 4 (staleness 0), then client 0's 1 and client 2's second 8, each one update stale
        double expected = 4 + 1 / Math.sqrt(2) + 8 / Math.sqrt(2);
        for (float v : done.finalParams()) {
            assertThat((double) v).isCloseTo(expected, within(1e-5));
        }
        // client 1 (t=3) never made it into an update; it was not asked again
        probes.get(1).expectNoMessage(Duration.ofMillis(50));
    }

    private static void reply(ClientActor.Train train, int clientId, float value) {
        float[] delta = new float[P];
        Arrays.fill(delta, value);
        train.replyTo().tell(new ClientActor.Update(clientId, train.round(), new TrainResult(delta, 1, 0.5, 1)));
    }
}
