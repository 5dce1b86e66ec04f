package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.ClientFaults;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.time.ClientProfile;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The coordinator under real-world conditions, with real, supervised client actors. */
class RoundConditionsCoordinatorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long SEED = 2024;
    private static final Dataset DATA = data(40);

    private final Model model = new LogisticRegression(2, 2);
    private final TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
    private final TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void crashingClientsAreCountedExactlyAndTheRunGoesOn() {
        int population = 10;
        int rounds = 6;
        ClientFaults faults = new ClientFaults(0.3);
        List<ActorRef<ClientActor.Command>> clients = clients(population, faults);
        run(settings(rounds, population), clients, RoundConditions.NONE);

        List<RoundRecord> recorded = records.receiveSeveralMessages(rounds, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        int injected = 0;
        for (RoundRecord r : recorded) {
            int r0 = r.round();
            int expected = (int) IntStream.range(0, population).filter(id -> faults.crashes(SEED, r0, id)).count();
            injected += expected;
            assertThat(r.clientsFailed()).as("round %d", r0).isEqualTo(expected);
            assertThat(r.clientsCompleted()).as("round %d", r0).isEqualTo(population - expected);
        }
        assertThat(injected).isBetween(6, 30); // 18 expected; the draws are fixed by the seed
        assertThat(done.stopReason()).isEqualTo("completed " + rounds + " rounds");
        // completed = population - crashed in every round: a client that crashed in one round trained in the
        // next it was not drawn to crash in, so its restarted actor still had its shard; and some did
        boolean crashThenTrain = IntStream.range(0, population).anyMatch(id -> IntStream.range(1, rounds)
                .anyMatch(r -> faults.crashes(SEED, r, id) && !faults.crashes(SEED, r + 1, id)));
        assertThat(crashThenTrain).isTrue();
        assertThat(done.finalParams()).isNotEqualTo(new float[model.numParameters()]);
    }

    @Test
    void aRoundWithFewerResultsThanMinCompletedIsSkippedWithItsReason() {
        List<ActorRef<ClientActor.Command>> clients = clients(4, ClientFaults.NONE);
        RoundConditions atLeastFive = new RoundConditions(List.of(), List.of(), 0, 0, OptionalDouble.empty(),
                Optional.empty(), 0, 0, 0, 5);
        run(settings(2, 4), clients, atLeastFive);

        List<RoundRecord> recorded = records.receiveSeveralMessages(2, WAIT);
        assertThat(recorded).allSatisfy(r -> {
            assertThat(r.skipReason()).isEqualTo("4 of the 4 sampled clients completed, fewer than round.min-completed = 5");
            assertThat(r.clientsCompleted()).isEqualTo(4);
        });
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(done.finalParams()).containsOnly(0f);
        assertThat(done.rounds()).isEqualTo(2);
    }

    @Test
    void simulatedSecondsAddUpFromRoundToRound() {
        // every client: 0.5 s latency, 0.5 s download, 1 s upload, 4 samples at 8 samples/s per epoch: 2.5 s a round
        List<ClientProfile> profiles = IntStream.range(0, 4).mapToObj(i -> new ClientProfile(8, 512, 1024, 0.5, 1)).toList();
        RoundConditions timed = new RoundConditions(profiles, List.of(4, 4, 4, 4), 512, 512, OptionalDouble.empty(),
                Optional.empty(), 0, 0, 0, 0);
        run(settings(3, 2), clients(4, ClientFaults.NONE), timed);

        List<RoundRecord> recorded = records.receiveSeveralMessages(3, WAIT);
        assertThat(recorded).extracting(r -> r.extra().get("round_sim_seconds")).containsExactly(2.5, 2.5, 2.5);
        assertThat(recorded).extracting(r -> r.extra().get("sim_seconds")).containsExactly(2.5, 5.0, 7.5);
        assertThat(recorded).extracting(r -> r.extra().get("clients_straggled")).containsOnly(0.0);
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);
    }

    private void run(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients, RoundConditions conditions) {
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, clients,
                new float[model.numParameters()], new FedAvg(), new Evaluator(model, DATA), records.ref()::tell,
                Optional.empty(), conditions, UpdateIntake.honest(clients.size()), finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);
    }

    private static CoordinatorSettings settings(int rounds, int perRound) {
        return new CoordinatorSettings(rounds, SEED, perRound, rounds, OptionalDouble.empty(), new TrainingPlan(1, 2, 0.5f), WAIT);
    }

    /** Client k holds 4 samples of both classes. */
    private List<ActorRef<ClientActor.Command>> clients(int count, ClientFaults faults) {
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int[] rows = {4 * k % DATA.size(), (4 * k + 1) % DATA.size(), (4 * k + 2) % DATA.size(), (4 * k + 3) % DATA.size()};
            clients.add(TEST_KIT.spawn(ClientActor.create(k, new Shard(DATA, rows), model, SEED, faults)));
        }
        return clients;
    }

    private static Dataset data(int n) {
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
