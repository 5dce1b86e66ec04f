package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.client.attack.LittleIsEnough;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.strategy.Kernels;
import io.fedsim.coordinator.strategy.RoundResults;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.rng.Rng;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UpdateIntakeTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    private static ClientActor.Update update(int id, float... delta) {
        return new ClientActor.Update(id, 1, new TrainResult(delta, 10 + id, 0.5, 3));
    }

    @Test
    void nanInfinityAndWrongLengthAreRejectedAndCountedTheRestDecoded() {
        UpdateIntake intake = UpdateIntake.honest(6);
        UpdateIntake.Received got = intake.receive(new int[] {0, 1, 2, 3, 5}, 2, List.of(update(0, 1f, 2f),
                update(1, Float.NaN, 0f), update(2, 0f, Float.POSITIVE_INFINITY), update(3, 1f), update(5, -1f, 0.5f)));

        assertThat(got.results()).extracting(ClientResult::clientId).containsExactly(0, 5);
        assertThat(got.results().get(1).delta()).containsExactly(-1f, 0.5f);
        assertThat(got.results().get(1).numSamples()).isEqualTo(15);
        assertThat(got.rejected()).extracting(ClientFailure::clientId, ClientFailure::kind).containsExactly(
                tuple(1, ClientFailure.Kind.REJECTED), tuple(2, ClientFailure.Kind.REJECTED), tuple(3, ClientFailure.Kind.REJECTED));
        assertThat(got.rejected().get(0).reason()).contains("NaN at coordinate 0");
        assertThat(got.rejected().get(1).reason()).contains("Infinity at coordinate 1");
        assertThat(got.metrics()).containsEntry("updates_rejected", 3.0)
                // four dense messages of 2 floats (13 bytes) and one of 1 float (9 bytes)
                .containsEntry("bytes_up", 4 * 13.0 + 9)
                // five sampled clients, each sent the dense 2-float model
                .containsEntry("bytes_down", 5 * 13.0)
                .containsEntry("attackers_in_cohort", 0.0);
    }

    @Test
    void theServerReadsTheEncodedMessageNotTheClientsOwnCopy() {
        byte[] sparse = WireFormat.sparse(3, new int[] {1}, new float[] {4f});
        ClientActor.Update u = new ClientActor.Update(0, 1, new TrainResult(new float[] {9f, 9f, 9f}, 1, 0.1, 1), sparse);
        UpdateIntake.Received got = UpdateIntake.honest(1).receive(new int[] {0}, 3, List.of(u));
        assertThat(got.results().get(0).delta()).containsExactly(0f, 4f, 0f);
        assertThat(got.metrics()).containsEntry("bytes_up", (double) sparse.length).containsEntry("bytes_up", 5 + 4 + 1 + 4.0); // the bitmap form: count, 1 bitmap byte, one value
    }

    @Test
    void littleIsEnoughReplacesOnlyTheAttackersUpdatesFromTheirOwnMeanAndStd() {
        // attackers 1 and 3 of a cohort of 4: their honest updates (1, 0) and (3, 0): mean (2, 0), std (1, 0)
        UpdateIntake intake = new UpdateIntake(5, new int[] {1, 3, 4}, true, OptionalDouble.empty());
        UpdateIntake.Received got = intake.receive(new int[] {0, 1, 2, 3}, 2,
                List.of(update(0, 10f, 10f), update(1, 1f, 0f), update(2, -10f, 5f), update(3, 3f, 0f)));

        double z = LittleIsEnough.zMax(4, 2); // s = 3 - 2 = 1, Phi^-1(3 / 4)
        float crafted = (float) (2 - z * 1);
        assertThat(got.results().get(0).delta()).containsExactly(10f, 10f);
        assertThat(got.results().get(1).delta()).containsExactly(crafted, 0f);
        assertThat(got.results().get(2).delta()).containsExactly(-10f, 5f);
        assertThat(got.results().get(3).delta()).containsExactly(crafted, 0f);
        assertThat(got.metrics()).containsEntry("attackers_in_cohort", 2.0);
    }

    @Test
    void aGivenZIsUsedAsIs() {
        UpdateIntake intake = new UpdateIntake(2, new int[] {0, 1}, true, OptionalDouble.of(2));
        UpdateIntake.Received got = intake.receive(new int[] {0, 1}, 1, List.of(update(0, 1f), update(1, 3f)));
        assertThat(got.results()).allSatisfy(r -> assertThat(r.delta()).containsExactly(0f));
    }

    /**
     * Arrivals out of id order, a rejected update and a client that never replies: the weighted sum is folded in
     * ascending id as ids settle, so the strategy's mean is the one recomputed from the sorted results, to the bit.
     * The values make float addition order visible: 1e8 + 1 - 1e8 is 0 in float, 1e8 - 1e8 + 1 is 1.
     */
    @Test
    void aRoundsMeanIsSummedAsUpdatesArriveInIdOrderAndMatchesTheRecomputedMeanToTheBit() {
        UpdateIntake intake = UpdateIntake.honest(6);
        UpdateIntake.Collector collector = intake.open(new int[] {0, 1, 2, 3, 4}, 1, true);
        collector.accept(update(2, -1e8f)); // waits for 0 and 1
        collector.accept(update(1, 1f));
        collector.accept(update(3, Float.NaN)); // rejected: settles 3
        collector.accept(update(0, 1e8f));
        // client 4 never replies: settled when the round finishes
        UpdateIntake.Collected collected = collector.finish();
        UpdateIntake.Received got = intake.receive(new int[] {0, 1, 2, 3, 4}, 1, collected, collected.replied());

        assertThat(got.results()).isInstanceOf(RoundResults.class).extracting(ClientResult::clientId).containsExactly(0, 1, 2);
        // weights n_k = 10 + id: (10 * 1e8 + 11 * 1 + 12 * -1e8) / 33, summed in id order in float
        float sum = 10 * 1e8f;
        sum += 11 * 1f;
        sum += 12 * -1e8f;
        float expected = sum * (float) (1.0 / 33);
        float[] streamed = Kernels.weightedMeanOfDeltas(got.results(), 1);
        assertThat(streamed).containsExactly(expected);
        assertThat(Kernels.weightedMeanOfDeltas(List.copyOf(got.results()), 1)).containsExactly(expected);
        assertThat(got.rejected()).extracting(ClientFailure::clientId).containsExactly(3);
    }

    @Test
    void theWeightedMeanWeighsBySamplesAndDividesOnce() {
        Kernels.WeightedSum sum = new Kernels.WeightedSum(2);
        sum.add(new float[] {1f, -2f}, 1);
        sum.add(new float[] {3f, 2f}, 3);
        assertThat(sum.mean()).containsExactly(2.5f, 1f); // (1 + 9) / 4 and (-2 + 6) / 4
        assertThat(new Kernels.WeightedSum(2).mean()).containsExactly(0f, 0f);
    }

    /** Over-selection keeps a subset of what arrived: then no sum is attached, and only the kept are counted. */
    @Test
    void keepingASubsetLeavesAPlainListAndCountsOnlyTheKeptMessages() {
        UpdateIntake intake = UpdateIntake.honest(3);
        UpdateIntake.Collector collector = intake.open(new int[] {0, 1, 2}, 1, false);
        collector.accept(update(0, 1f));
        collector.accept(update(1, 2f));
        collector.accept(update(2, 3f));
        UpdateIntake.Received got = intake.receive(new int[] {0, 1, 2}, 1, collector.finish(), java.util.Set.of(0, 2));
        assertThat(got.results()).isNotInstanceOf(RoundResults.class).extracting(ClientResult::clientId).containsExactly(0, 2);
        assertThat(got.metrics()).containsEntry("bytes_up", 2 * 9.0); // two dense messages of 1 float
    }

    /** Through the coordinator: a NaN update is a REJECTED failure, counted, and the others are averaged. */
    @Test
    void theCoordinatorAggregatesWithoutTheRejectedUpdateAndRecordsIt() {
        List<TestProbe<ClientActor.Command>> probes = List.of(TEST_KIT.createTestProbe(), TEST_KIT.createTestProbe());
        TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
        TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();
        var model = new LogisticRegression(1, 2);
        Dataset data = new Dataset("d", new float[] {1, -1}, new int[] {0, 1}, 1, 2);
        CoordinatorSettings settings = new CoordinatorSettings(1, 3, 2, 1, OptionalDouble.empty(),
                new TrainingPlan(1, 1, 0.1f), Duration.ofSeconds(30));
        List<ActorRef<ClientActor.Command>> refs = probes.stream().map(TestProbe::ref).toList();
        RunListener listener = records.ref()::tell;
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, refs, new float[4],
                new FedAvg(), new Evaluator(model, data), listener, Optional.empty(), io.fedsim.coordinator.time.RoundConditions.NONE, UpdateIntake.honest(2),
                finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);

        ClientActor.Train t0 = probes.get(0).expectMessageClass(ClientActor.Train.class, Duration.ofSeconds(30));
        ClientActor.Train t1 = probes.get(1).expectMessageClass(ClientActor.Train.class, Duration.ofSeconds(30));
        t0.replyTo().tell(new ClientActor.Update(0, 1, new TrainResult(new float[] {1, 2, 3, Float.NaN}, 5, 0.1, 1)));
        t1.replyTo().tell(new ClientActor.Update(1, 1, new TrainResult(new float[] {4, 4, 4, 4}, 5, 0.1, 1)));

        RoundRecord r = records.receiveMessage(Duration.ofSeconds(30));
        assertThat(r.clientsCompleted()).isEqualTo(1);
        assertThat(r.clientsFailed()).isEqualTo(1);
        assertThat(r.extra()).containsEntry("updates_rejected", 1.0).containsEntry("bytes_up", 2 * 21.0)
                .containsEntry("bytes_down", 2 * 21.0);
        assertThat(finished.expectMessageClass(Coordinator.Finished.class, Duration.ofSeconds(30)).finalParams())
                .containsExactly(4f, 4f, 4f, 4f);
        assertThat(Rng.derive(3, "sample", 1).sampleWithoutReplacement(2, 2)).containsExactly(0, 1);
    }
}
