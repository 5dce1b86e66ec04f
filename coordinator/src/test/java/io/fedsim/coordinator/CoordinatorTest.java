package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.rng.Rng;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CoordinatorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TrainingPlan PLAN = new TrainingPlan(1, 2, 0.5f);

    /** 16 samples, separable by the sign of the first feature; class = i % 2. */
    private static final Dataset SEPARABLE = separable(16);

    private final Model model = new LogisticRegression(2, 2);
    private final Evaluator evaluator = new Evaluator(model, SEPARABLE);
    private final TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
    private final TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void runsTheConfiguredRoundsAndEvaluatesOnMultiplesOfEvalEveryAndTheLast() {
        run(settings(5, 3, 2, OptionalDouble.empty()), realClients(5, SEPARABLE));

        List<RoundRecord> rounds = records.receiveSeveralMessages(5, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(rounds).extracting(RoundRecord::round).containsExactly(1, 2, 3, 4, 5);
        assertThat(rounds).extracting(RoundRecord::clientsSampled).containsOnly(3);
        assertThat(rounds).extracting(RoundRecord::clientsCompleted).containsOnly(3);
        assertThat(rounds).extracting(RoundRecord::clientsFailed).containsOnly(0);
        assertThat(rounds).extracting(RoundRecord::evaluated).containsExactly(false, true, false, true, true);
        assertThat(rounds.get(0).testAccuracy()).isNaN();
        assertThat(rounds.get(4).testAccuracy()).isEqualTo(1.0);
        assertThat(rounds).allSatisfy(r -> assertThat(r.skipReason()).isNull());
        assertThat(rounds).allSatisfy(r -> assertThat(r.trainLoss()).isFinite());
        assertThat(done.rounds()).isEqualTo(5);
        assertThat(done.stopReason()).isEqualTo("completed 5 rounds");
        records.expectNoMessage(Duration.ofMillis(50));
    }

    @Test
    void aCohortLargerThanThePopulationSamplesEveryone() {
        run(settings(2, 10, 1, OptionalDouble.empty()), realClients(3, SEPARABLE));

        assertThat(records.receiveSeveralMessages(2, WAIT)).extracting(RoundRecord::clientsSampled).containsExactly(3, 3);
        assertThat(finished.expectMessageClass(Coordinator.Finished.class, WAIT).rounds()).isEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        CoordinatorSettings settings = settings(3, 2, 3, OptionalDouble.empty());
        run(settings, realClients(4, SEPARABLE));
        float[] first = finished.expectMessageClass(Coordinator.Finished.class, WAIT).finalParams();
        run(settings, realClients(4, SEPARABLE));
        float[] second = finished.expectMessageClass(Coordinator.Finished.class, WAIT).finalParams();

        assertThat(second).containsExactly(first);
        assertThat(first).isNotEqualTo(new float[6]);
    }

    @Test
    void stopsAtTheFirstEvaluatedRoundThatReachesTheTarget() {
        run(settings(10, 2, 2, OptionalDouble.of(0.5)), realClients(4, SEPARABLE));

        List<RoundRecord> rounds = records.receiveSeveralMessages(2, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(done.rounds()).isEqualTo(2);
        assertThat(done.stopReason()).contains("target accuracy 0.5000").contains("round 2");
        assertThat(rounds.get(1).testAccuracy()).isGreaterThanOrEqualTo(0.5);
        records.expectNoMessage(Duration.ofMillis(50));
    }

    @Test
    void eachRoundTrainsTheCohortDrawnFromTheRoundsSampleGenerator() {
        List<TestProbe<ClientActor.Command>> probes = probes(6);
        CoordinatorSettings settings = settings(3, 3, 1, OptionalDouble.empty());
        run(settings, refs(probes));

        for (int r = 1; r <= 3; r++) {
            for (int id : Rng.derive(settings.seed(), "sample", r).sampleWithoutReplacement(6, 3)) {
                ClientActor.Train train = probes.get(id).expectMessageClass(ClientActor.Train.class, WAIT);
                assertThat(train.round()).isEqualTo(r);
                train.replyTo().tell(new ClientActor.Update(id, r, new TrainResult(new float[6], 1, 0.5, 1)));
            }
            assertThat(records.receiveMessage(WAIT).clientsSampled()).isEqualTo(3);
        }
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        probes.forEach(p -> p.expectNoMessage(Duration.ofMillis(20)));
    }

    @Test
    void aRoundInWhichEveryClientFailsIsSkippedAndTheRunGoesOn() {
        List<TestProbe<ClientActor.Command>> probes = probes(2);
        run(settings(2, 2, 1, OptionalDouble.empty()), refs(probes));

        for (int id = 0; id < 2; id++) {
            ClientActor.Train train = probes.get(id).expectMessageClass(ClientActor.Train.class, WAIT);
            train.replyTo().tell(new ClientActor.Failed(id, 1, "disk full"));
        }
        RoundRecord skipped = records.receiveMessage(WAIT);
        float[][] deltas = {{4, 0, 4, 0, 4, 0}, {0, 8, 0, 8, 0, 8}};
        for (int id = 0; id < 2; id++) {
            ClientActor.Train train = probes.get(id).expectMessageClass(ClientActor.Train.class, WAIT);
            assertThat(train.round()).isEqualTo(2);
            assertThat(train.globalParams()).containsOnly(0f);
            train.replyTo().tell(new ClientActor.Update(id, 2, new TrainResult(deltas[id], 2 * id + 1, 0.5, 1)));
        }
        RoundRecord aggregated = records.receiveMessage(WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);

        assertThat(skipped.round()).isEqualTo(1);
        assertThat(skipped.skipReason()).contains("no client reported");
        assertThat(skipped.clientsFailed()).isEqualTo(2);
        assertThat(skipped.clientsCompleted()).isZero();
        assertThat(skipped.evaluated()).isTrue();
        assertThat(aggregated.skipReason()).isNull();
        assertThat(aggregated.clientsCompleted()).isEqualTo(2);
        assertThat(done.finalParams()).containsExactly(1f, 6f, 1f, 6f, 1f, 6f);
    }

    @Test
    void aClientThatNeverRepliesTimesOutAtTheDeadlineAndItsLateReplyIsIgnored() {
        List<TestProbe<ClientActor.Command>> probes = probes(2);
        run(new CoordinatorSettings(2, 2024, 2, 1, OptionalDouble.empty(), PLAN, Duration.ofMillis(300)), refs(probes));

        ClientActor.Train late = probes.get(1).expectMessageClass(ClientActor.Train.class, WAIT);
        reply(probes.get(0).expectMessageClass(ClientActor.Train.class, WAIT), 0);
        RoundRecord first = records.receiveMessage(WAIT);
        List<ClientActor.Train> second = List.of(probes.get(0).expectMessageClass(ClientActor.Train.class, WAIT),
                probes.get(1).expectMessageClass(ClientActor.Train.class, WAIT));
        reply(late, 1); // round 1's update, after round 1's deadline
        reply(second.get(0), 0);
        reply(second.get(1), 1);
        RoundRecord next = records.receiveMessage(WAIT);
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);

        assertThat(first.clientsCompleted()).isEqualTo(1);
        assertThat(first.clientsFailed()).isEqualTo(1);
        assertThat(next.round()).isEqualTo(2);
        assertThat(next.clientsCompleted()).isEqualTo(2);
        assertThat(next.clientsFailed()).isZero();
    }

    @Test
    void aClientThatStopsIsNotWaitedForInItsRoundNorInLaterOnes() {
        List<TestProbe<ClientActor.Command>> probes = probes(3);
        Duration deadline = Duration.ofMinutes(5);
        Duration prompt = Duration.ofSeconds(20);
        run(new CoordinatorSettings(2, 2024, 3, 1, OptionalDouble.empty(), PLAN, deadline), refs(probes));

        probes.get(2).expectMessageClass(ClientActor.Train.class, WAIT);
        probes.get(2).stop();
        for (int id = 0; id < 2; id++) {
            reply(probes.get(id).expectMessageClass(ClientActor.Train.class, WAIT), id);
        }
        RoundRecord first = records.receiveMessage(prompt);
        for (int id = 0; id < 2; id++) {
            reply(probes.get(id).expectMessageClass(ClientActor.Train.class, WAIT), id);
        }
        RoundRecord second = records.receiveMessage(prompt);
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);

        assertThat(List.of(first, second)).extracting(RoundRecord::clientsSampled).containsOnly(3);
        assertThat(List.of(first, second)).extracting(RoundRecord::clientsCompleted).containsOnly(2);
        assertThat(List.of(first, second)).extracting(RoundRecord::clientsFailed).containsOnly(1);
    }

    @Test
    void realClientsThatCannotTrainSkipEveryRoundWithoutStoppingTheRun() {
        Dataset threeFeatures = new Dataset("three-features", new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1}, 3, 2);
        run(settings(2, 2, 1, OptionalDouble.empty()), realClients(2, threeFeatures));

        List<RoundRecord> rounds = records.receiveSeveralMessages(2, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(rounds).allSatisfy(r -> assertThat(r.skipReason()).contains("no client reported"));
        assertThat(rounds).extracting(RoundRecord::clientsFailed).containsExactly(2, 2);
        assertThat(done.stopReason()).isEqualTo("completed 2 rounds");
        assertThat(done.finalParams()).containsOnly(0f);
    }

    private void run(CoordinatorSettings settings, List<ActorRef<ClientActor.Command>> clients) {
        RunListener listener = records.ref()::tell;
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, clients,
                new float[model.numParameters()], new FedAvg(), evaluator, listener, finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);
    }

    private static CoordinatorSettings settings(int rounds, int perRound, int evalEvery, OptionalDouble target) {
        return new CoordinatorSettings(rounds, 2024, perRound, evalEvery, target, PLAN, WAIT);
    }

    /** Client k holds samples 2k, 2k + 1, 2k + 8 and 2k + 9 (mod the dataset size): both classes. */
    private List<ActorRef<ClientActor.Command>> realClients(int count, Dataset data) {
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int n = data.size();
            int[] rows = {(2 * k) % n, (2 * k + 1) % n, (2 * k + 8) % n, (2 * k + 9) % n};
            clients.add(TEST_KIT.spawn(ClientActor.create(k, new Shard(data, rows), model, 7)));
        }
        return clients;
    }

    private static void reply(ClientActor.Train train, int clientId) {
        train.replyTo().tell(new ClientActor.Update(clientId, train.round(), new TrainResult(new float[6], 1, 0.5, 1)));
    }

    private static List<TestProbe<ClientActor.Command>> probes(int count) {
        List<TestProbe<ClientActor.Command>> probes = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            probes.add(TEST_KIT.createTestProbe("client-" + k));
        }
        return probes;
    }

    private static List<ActorRef<ClientActor.Command>> refs(List<TestProbe<ClientActor.Command>> probes) {
        return probes.stream().map(TestProbe::ref).toList();
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
