package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RoundQueryTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final TrainingPlan PLAN = new TrainingPlan(1, 0, 1.0f);
    private static final Duration LONG = Duration.ofSeconds(30);

    private final float[] global = {1, 2, 3};
    private final TestProbe<RoundQuery.Result> results = TEST_KIT.createTestProbe();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void repliesInReverseOrderComeBackSortedByClientId() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(2, 5, 9);
        ActorRef<RoundQuery.Command> query = spawn(4, clients, LONG);

        ClientActor.Train t9 = train(clients.get(9), 4);
        ClientActor.Train t5 = train(clients.get(5), 4);
        ClientActor.Train t2 = train(clients.get(2), 4);
        assertThat(t2.globalParams()).isSameAs(global);
        assertThat(t5.plan()).isEqualTo(PLAN);
        t9.replyTo().tell(update(9, 4));
        t5.replyTo().tell(update(5, 4));
        results.expectNoMessage(Duration.ofMillis(100));
        t2.replyTo().tell(update(2, 4));

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.round()).isEqualTo(4);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(2, 5, 9);
        assertThat(result.collected().results().get(1).delta()).containsExactly(5f, 5f, 5f);
        assertThat(result.failures()).isEmpty();
        results.expectTerminated(query);
    }

    @Test
    void aClientThatFailsIsRecordedAsFailedWithItsReason() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(1, 3);
        ActorRef<RoundQuery.Command> query = spawn(1, clients, LONG);

        train(clients.get(3), 1).replyTo().tell(new ClientActor.Failed(3, 1, "out of memory"));
        train(clients.get(1), 1).replyTo().tell(update(1, 1));

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(1);
        assertThat(result.failures()).containsExactly(new ClientFailure(3, ClientFailure.Kind.FAILED, "out of memory"));
        results.expectTerminated(query);
    }

    @Test
    void aClientReportedUnreachableIsRecordedAsDroppedAndTheRoundDoesNotWaitForIt() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(2, 6);
        ActorRef<RoundQuery.Command> query = spawn(7, clients, LONG);

        train(clients.get(6), 7).replyTo().tell(new ClientActor.Unreachable(6, 7, "its client node is unreachable"));
        train(clients.get(2), 7).replyTo().tell(update(2, 7));

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(2);
        assertThat(result.failures()).containsExactly(
                new ClientFailure(6, ClientFailure.Kind.DROPPED, "its client node is unreachable"));
        results.expectTerminated(query);
    }

    @Test
    void aClientThatNeverRepliesTimesOutAtTheDeadline() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(0, 1, 2);
        ActorRef<RoundQuery.Command> query = spawn(2, clients, Duration.ofMillis(300));

        train(clients.get(0), 2).replyTo().tell(update(0, 2));
        train(clients.get(1), 2);
        train(clients.get(2), 2).replyTo().tell(update(2, 2));

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(0, 2);
        assertThat(result.failures()).extracting(ClientFailure::clientId, ClientFailure::kind)
                .containsExactly(tuple(1, ClientFailure.Kind.TIMED_OUT));
        results.expectTerminated(query);
    }

    @Test
    void aClientThatStopsBeforeReplyingIsRecordedAsStopped() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(4, 7);
        ActorRef<RoundQuery.Command> query = spawn(3, clients, LONG);

        train(clients.get(7), 3).replyTo().tell(update(7, 3));
        train(clients.get(4), 3);
        clients.get(4).stop();

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(7);
        assertThat(result.failures()).extracting(ClientFailure::clientId, ClientFailure::kind)
                .containsExactly(tuple(4, ClientFailure.Kind.STOPPED));
        results.expectTerminated(query);
    }

    @Test
    void aClientThatStopsAfterReplyingStillCounts() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(1, 2);
        ActorRef<RoundQuery.Command> query = spawn(5, clients, LONG);

        train(clients.get(1), 5).replyTo().tell(update(1, 5));
        clients.get(1).stop();
        results.expectNoMessage(Duration.ofMillis(100));
        train(clients.get(2), 5).replyTo().tell(update(2, 5));

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(1, 2);
        assertThat(result.failures()).isEmpty();
        results.expectTerminated(query);
    }

    @Test
    void staleAndDuplicateRepliesAreIgnored() {
        Map<Integer, TestProbe<ClientActor.Command>> clients = probes(0, 1);
        ActorRef<RoundQuery.Command> query = spawn(6, clients, LONG);

        ClientActor.Train t0 = train(clients.get(0), 6);
        ClientActor.Train t1 = train(clients.get(1), 6);
        t0.replyTo().tell(new ClientActor.Failed(0, 6, "first"));
        t0.replyTo().tell(update(0, 6));
        t1.replyTo().tell(update(1, 5));
        results.expectNoMessage(Duration.ofMillis(100));
        t1.replyTo().tell(update(1, 6));

        RoundQuery.Result result = results.expectMessageClass(RoundQuery.Result.class);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(1);
        assertThat(result.failures()).extracting(ClientFailure::reason).containsExactly("first");
        results.expectTerminated(query);
    }

    private ActorRef<RoundQuery.Command> spawn(int round, Map<Integer, TestProbe<ClientActor.Command>> clients,
                                               Duration timeout) {
        Map<Integer, ActorRef<ClientActor.Command>> cohort = new TreeMap<>();
        clients.forEach((id, probe) -> cohort.put(id, probe.ref()));
        return TEST_KIT.spawn(RoundQuery.create(round, cohort, global, PLAN, timeout, results.ref()));
    }

    private static Map<Integer, TestProbe<ClientActor.Command>> probes(int... ids) {
        Map<Integer, TestProbe<ClientActor.Command>> probes = new TreeMap<>();
        for (int id : ids) {
            probes.put(id, TEST_KIT.createTestProbe("client-" + id));
        }
        return probes;
    }

    private static ClientActor.Train train(TestProbe<ClientActor.Command> client, int round) {
        ClientActor.Train train = client.expectMessageClass(ClientActor.Train.class);
        assertThat(train.round()).isEqualTo(round);
        return train;
    }

    /** An update whose delta is filled with the client id, so that it can be told apart. */
    private static ClientActor.Update update(int clientId, int round) {
        return new ClientActor.Update(clientId, round, new TrainResult(new float[] {clientId, clientId, clientId},
                1, 0.5, 1));
    }
}
