package io.fedsim.coordinator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.client.ClientActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ClientStatesQueryTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aSecondAnswerFromOneClientDoesNotStandInForAnother() {
        TestProbe<ClientActor.Command> zero = TEST_KIT.createTestProbe();
        TestProbe<ClientActor.Command> one = TEST_KIT.createTestProbe();
        TestProbe<ClientStatesQuery.Result> results = TEST_KIT.createTestProbe();
        List<ActorRef<ClientActor.Command>> clients = List.of(zero.getRef(), one.getRef());
        TEST_KIT.spawn(ClientStatesQuery.create(clients, Duration.ofSeconds(30), results.getRef()));
        ActorRef<ClientActor.StateSnapshot> replyTo = zero.expectMessageClass(ClientActor.GetState.class).replyTo();
        one.expectMessageClass(ClientActor.GetState.class);

        // client 0 answers, then a stand-in answers for it again (a cluster proxy whose node just died)
        replyTo.tell(new ClientActor.StateSnapshot(0, Map.of("c", new float[] {3})));
        replyTo.tell(new ClientActor.StateSnapshot(0, Map.of()));
        replyTo.tell(new ClientActor.StateSnapshot(1, Map.of("c", new float[] {4})));

        ClientStatesQuery.Result result = results.expectMessageClass(ClientStatesQuery.Result.class);
        assertThat(result.missing()).isZero();
        assertThat(result.states()).hasValueSatisfying(states -> {
            assertThat(states).containsOnlyKeys(0, 1);
            assertThat(states.get(0)).containsOnlyKeys("c");
            assertThat(states.get(0).get("c")).containsExactly(3);
        });
    }
}
