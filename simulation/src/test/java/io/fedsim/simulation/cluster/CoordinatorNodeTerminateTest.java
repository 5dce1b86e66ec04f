package io.fedsim.simulation.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoordinatorNodeTerminateTest {

    @Test
    void anActorSystemThatDoesNotStopIsLeftBehindAfterTheBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // a guardian whose stop blocks until released: the system cannot finish terminating before that
        ActorSystem<Object> system = ActorSystem.create(Behaviors.receive(Object.class)
                .onSignal(PostStop.class, signal -> {
                    release.await(60, TimeUnit.SECONDS);
                    return Behaviors.same();
                }).build(), "stuck");
        try {
            long start = System.nanoTime();
            CoordinatorNode.terminate(system, Duration.ofMillis(300));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(system.getWhenTerminated().toCompletableFuture().isDone()).isFalse();
            assertThat(seconds).isLessThan(30); // returned at its bound, long before the guardian lets go
        } finally {
            release.countDown();
        }
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anActorSystemThatStopsIsWaitedFor() {
        ActorSystem<Object> system = ActorSystem.create(Behaviors.empty(), "quick");
        CoordinatorNode.terminate(system, Duration.ofSeconds(30));
        assertThat(system.getWhenTerminated().toCompletableFuture().isDone()).isTrue();
    }
}
