package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.checkpoint.Checkpointing;
import io.fedsim.coordinator.checkpoint.RunState;
import io.fedsim.coordinator.checkpoint.StopRequest;
import io.fedsim.coordinator.strategy.FedAvgM;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The coordinator's side of checkpoints: when it takes them, what they hold, and resuming from one. */
class CoordinatorCheckpointTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Dataset DATA = new Dataset("separable", new float[] {
        1, 0.5f, -1, 0.2f, 2, -0.3f, -2, 0.1f, 0.5f, 1, -0.5f, -1, 1.5f, 0, -1.5f, 0.4f}, new int[] {0, 1, 0, 1, 0, 1, 0, 1}, 2, 2);

    private final Model model = new LogisticRegression(2, 2);
    private final TestProbe<RoundRecord> records = TEST_KIT.createTestProbe();
    private final TestProbe<Coordinator.Finished> finished = TEST_KIT.createTestProbe();
    private final List<RunState> saved = new CopyOnWriteArrayList<>();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void checkpointsEveryNRoundsAndAtTheStopWithEveryClientsState() {
        List<ActorRef<ClientActor.Command>> clients = clients(4);
        clients.get(1).tell(new ClientActor.RestoreState(Map.of("c", new float[] {1, 2})));
        clients.get(3).tell(new ClientActor.RestoreState(Map.of("residual", new float[] {-0.5f})));

        Coordinator.Finished done = run(5, clients, checkpointing(2, new StopRequest(), Optional.empty()));

        assertThat(saved).extracting(RunState::round).containsExactly(2, 4, 5);
        assertThat(saved).extracting(RunState::stopReason)
                .containsExactly(Optional.empty(), Optional.empty(), Optional.of("completed 5 rounds"));
        RunState last = saved.get(2);
        assertThat(last.global()).containsExactly(done.finalParams());
        assertThat(last.strategyState()).isNotEmpty();
        assertThat(last.privacy()).isEmpty();
        assertThat(last.clientStates()).containsOnlyKeys(1, 3);
        assertThat(last.clientStates().get(1).get("c")).containsExactly(1f, 2f);
        assertThat(last.clientStates().get(3).get("residual")).containsExactly(-0.5f);
        assertThat(last.wallSeconds()).isPositive();
    }

    @Test
    void aRunResumedFromACheckpointEndsWithTheSameModelAndRestoresTheClientsState() {
        List<ActorRef<ClientActor.Command>> first = clients(4);
        first.get(2).tell(new ClientActor.RestoreState(Map.of("c", new float[] {7})));
        float[] whole = run(6, first, checkpointing(1, new StopRequest(), Optional.empty())).finalParams();
        RunState afterThree = saved.get(2);
        assertThat(afterThree.round()).isEqualTo(3);
        saved.clear();

        List<ActorRef<ClientActor.Command>> fresh = clients(4);
        Coordinator.Finished resumed = run(6, fresh, checkpointing(1, new StopRequest(), Optional.of(afterThree)));

        assertThat(resumed.finalParams()).containsExactly(whole);
        assertThat(resumed.rounds()).isEqualTo(6);
        assertThat(saved).extracting(RunState::round).containsExactly(4, 5, 6);
        TestProbe<ClientActor.StateSnapshot> probe = TEST_KIT.createTestProbe();
        fresh.get(2).tell(new ClientActor.GetState(probe.ref()));
        assertThat(probe.receiveMessage(WAIT).state().get("c")).containsExactly(7f);
    }

    @Test
    void aRunResumedFromItsFinalCheckpointOnlyReportsHowItEnded() {
        float[] whole = run(3, clients(2), checkpointing(1, new StopRequest(), Optional.empty())).finalParams();
        RunState last = saved.get(2);
        saved.clear();

        Coordinator.Finished again = run(3, clients(2), checkpointing(1, new StopRequest(), Optional.of(last)));

        assertThat(again.rounds()).isEqualTo(3);
        assertThat(again.finalParams()).containsExactly(whole);
        assertThat(again.stopReason()).isEqualTo("completed 3 rounds");
        assertThat(saved).isEmpty();
    }

    @Test
    void aStopRequestEndsTheRunAfterTheCurrentRoundWithACheckpoint() {
        StopRequest stop = new StopRequest();
        stop.request();

        Coordinator.Finished done = run(5, clients(3), checkpointing(10, stop, Optional.empty()));

        assertThat(done.rounds()).isEqualTo(1);
        assertThat(done.stopReason()).isEqualTo("interrupted: checkpoint at round 1; continue with fedsim resume X");
        assertThat(saved).extracting(RunState::round).containsExactly(1);
        assertThat(saved.get(0).stopReason()).isEmpty();
    }

    /**
     * A million clients spawned on first use: the coordinator spawns the two it samples each round and the one a
     * checkpoint gives state to, and a checkpoint asks only those, so it never touches the other 999,990-odd.
     */
    @Test
    void lazyClientsAreSpawnedOnlyWhenSampledOrRestoredAndCheckpointsAskOnlyThem() {
        int population = 1_000_000;
        Set<Integer> spawned = ConcurrentHashMap.newKeySet();
        AtomicInteger spawns = new AtomicInteger();
        LazyClients clients = new LazyClients(population, id -> {
            spawned.add(id);
            spawns.incrementAndGet();
            int k = id % 4;
            return ClientActor.create(id, new Shard(DATA, new int[] {2 * k, 2 * k + 1}), model, 7);
        }, akka.actor.typed.Props.empty());
        RunState given = new RunState(0, new float[model.numParameters()], new FedAvgM(1.0, 0.9).state(), Optional.empty(),
                new java.util.TreeMap<>(Map.of(999_999, Map.of("c", new float[] {3}))), 0, 0, Optional.empty());
        CoordinatorSettings settings = new CoordinatorSettings(3, 99, 2, 1, OptionalDouble.empty(),
                new TrainingPlan(1, 2, 0.5f), WAIT);
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, clients,
                new float[model.numParameters()], new FedAvgM(1.0, 0.9), new Evaluator(model, DATA), records.ref()::tell,
                Optional.empty(), RoundConditions.NONE, UpdateIntake.honest(population),
                checkpointing(1, new StopRequest(), Optional.of(given)), finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);
        finished.expectMessageClass(Coordinator.Finished.class, WAIT);

        Set<Integer> expected = new java.util.TreeSet<>(Set.of(999_999));
        for (int r = 1; r <= 3; r++) {
            for (int id : new CohortSampling.Fixed(2).sample(99, r, population)) {
                expected.add(id);
            }
        }
        assertThat(spawned).isEqualTo(expected);
        assertThat(spawns.get()).as("each client spawned once").isEqualTo(expected.size());
        assertThat(saved).extracting(RunState::round).containsExactly(1, 2, 3);
        assertThat(saved.get(2).clientStates()).containsOnlyKeys(999_999);
        assertThat(saved.get(2).clientStates().get(999_999).get("c")).containsExactly(3f);
    }

    private Checkpointing checkpointing(int every, StopRequest stop, Optional<RunState> from) {
        return new Checkpointing(every, WAIT, saved::add, stop, from, "fedsim resume X");
    }

    /** Runs {@code rounds} rounds of FedAvgM (server momentum: state to carry) with two of the clients per round. */
    private Coordinator.Finished run(int rounds, List<ActorRef<ClientActor.Command>> clients, Checkpointing checkpointing) {
        CoordinatorSettings settings = new CoordinatorSettings(rounds, 99, 2, 1, OptionalDouble.empty(),
                new TrainingPlan(1, 2, 0.5f), WAIT);
        RunListener listener = records.ref()::tell;
        ActorRef<Coordinator.Command> coordinator = TEST_KIT.spawn(Coordinator.create(settings, clients,
                new float[model.numParameters()], new FedAvgM(1.0, 0.9), new Evaluator(model, DATA), listener,
                Optional.empty(), RoundConditions.NONE, UpdateIntake.honest(clients.size()), checkpointing, finished.ref()));
        coordinator.tell(Coordinator.Start.INSTANCE);
        return finished.expectMessageClass(Coordinator.Finished.class, WAIT);
    }

    private List<ActorRef<ClientActor.Command>> clients(int count) {
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            clients.add(TEST_KIT.spawn(ClientActor.create(k, new Shard(DATA, new int[] {2 * k, 2 * k + 1}), model, 7)));
        }
        return clients;
    }
}
