package io.fedsim.coordinator.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
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
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.privacy.RdpAccountant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The coordinator with central DP and real client actors over tiny shards. */
class CoordinatorPrivacyTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TrainingPlan PLAN = new TrainingPlan(1, 2, 0.5f);
    private static final int CLIENTS = 4;
    private static final double Q = 0.5;
    private static final double Z = 1.0;
    private static final double DELTA = 1e-5;
    private static final Dataset DATA = data(16);

    private final Model model = new LogisticRegression(2, 2);
    private final TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
    private final TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aTargetEpsilonStopsTheRunAtTheRoundTheAccountantPredicts() {
        double eps3 = eps(3);
        double eps4 = eps(4);
        double target = (eps3 + eps4) / 2;
        run(10, OptionalDouble.of(target));

        List<RoundRecord> rounds = records.receiveSeveralMessages(3, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        records.expectNoMessage(Duration.ofMillis(50));

        assertThat(done.rounds()).isEqualTo(3);
        assertThat(done.stopReason()).startsWith("privacy budget: round 4 would spend epsilon")
                .contains(String.format(java.util.Locale.ROOT, "%.4f", eps4))
                .contains(String.format(java.util.Locale.ROOT, "above the target %.4f", target))
                .contains("after 3 rounds");
        assertThat(rounds).extracting(RoundRecord::round).containsExactly(1, 2, 3);
        for (int n = 1; n <= 3; n++) {
            assertThat(rounds.get(n - 1).extra().get("epsilon")).as("round %d", n).isCloseTo(eps(n), within(1e-12 * eps(n)));
        }
        assertThat(rounds.get(2).evaluated()).as("the last round is evaluated").isTrue();
        assertThat(rounds.get(2).extra().get("epsilon")).isLessThanOrEqualTo(target);
    }

    @Test
    void everyRoundCarriesAnIncreasingEpsilonAndTheClipFigures() {
        run(6, OptionalDouble.empty());

        List<RoundRecord> rounds = records.receiveSeveralMessages(6, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);

        assertThat(done.stopReason()).isEqualTo("completed 6 rounds");
        double previous = 0;
        for (RoundRecord r : rounds) {
            assertThat(r.extra()).containsKeys("epsilon", "clip_norm", "clipped_fraction");
            assertThat(r.extra().get("epsilon")).as("round %d", r.round()).isGreaterThan(previous)
                    .isCloseTo(eps(r.round()), within(1e-12 * eps(r.round())));
            assertThat(r.extra().get("clip_norm")).isEqualTo(0.01);
            assertThat(r.skipReason()).isNull();
            assertThat(r.clientsSampled()).isEqualTo(new CohortSampling.Poisson(Q).sample(2024, r.round(), CLIENTS).length);
            previous = r.extra().get("epsilon");
        }
        // a clip norm of 0.01 clips every real update
        assertThat(rounds).filteredOn(r -> r.clientsCompleted() > 0)
                .isNotEmpty().allSatisfy(r -> assertThat(r.extra().get("clipped_fraction")).isEqualTo(1.0));
    }

    @Test
    void aTargetBelowTheFirstRoundStopsBeforeAnyRound() {
        run(5, OptionalDouble.of(eps(1) / 2));

        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        assertThat(done.rounds()).isZero();
        assertThat(done.stopReason()).startsWith("privacy budget: round 1 would spend");
        assertThat(done.finalParams()).containsOnly(0f);
        records.expectNoMessage(Duration.ofMillis(50));
    }

    private void run(int rounds, OptionalDouble target) {
        run(rounds, Q, target);
    }

    private void run(int rounds, double q, OptionalDouble target) {
        CoordinatorSettings settings = new CoordinatorSettings(rounds, 2024, new CohortSampling.Poisson(q), 2,
                OptionalDouble.empty(), PLAN, WAIT);
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>();
        for (int k = 0; k < CLIENTS; k++) {
            clients.add(TEST_KIT.spawn(ClientActor.create(k, new Shard(DATA, new int[] {4 * k, 4 * k + 1, 4 * k + 2, 4 * k + 3}), model, 7)));
        }
        RunListener listener = records.ref()::tell;
        CentralDp strategy = new CentralDp(new FedAvg(), 0.01, Z, q * CLIENTS, 2024);
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, clients,
                new float[model.numParameters()], strategy, new Evaluator(model, DATA), listener,
                Optional.of(new PrivacyAccounting(q, Z, DELTA, target)), finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);
    }

    @Test
    void anEmptyPoissonCohortStillReleasesNoiseAndSpendsARound() {
        double q = 0.01;
        run(3, q, OptionalDouble.empty());

        List<RoundRecord> rounds = records.receiveSeveralMessages(3, WAIT);
        Coordinator.Finished done = finished.expectMessageClass(Coordinator.Finished.class, WAIT);
        List<RoundRecord> empty = rounds.stream().filter(r -> r.clientsSampled() == 0).toList();
        assertThat(empty).as("rounds whose seeded Poisson draw is empty").isNotEmpty();
        assertThat(empty).allSatisfy(r -> {
            assertThat(r.skipReason()).isNull();
            assertThat(r.clientsCompleted()).isZero();
            assertThat(r.trainLoss()).isNaN();
            assertThat(r.extra().get("clipped_fraction")).isNaN();
        });
        double eps3 = RdpAccountant.epsilon(q, Z, 3, DELTA).epsilon();
        assertThat(rounds.get(2).extra().get("epsilon")).isCloseTo(eps3, within(1e-12 * eps3));
        assertThat(done.finalParams()).as("noise moved the model").isNotEqualTo(new float[model.numParameters()]);
    }

    private static double eps(int rounds) {
        return RdpAccountant.epsilon(Q, Z, rounds, DELTA).epsilon();
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
