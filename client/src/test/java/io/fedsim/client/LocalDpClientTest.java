package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.privacy.Clipping;
import io.fedsim.core.rng.Rng;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LocalDpClientTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static Shard shard() {
        float[] x = new float[40 * 3];
        int[] y = new int[40];
        Rng rng = new Rng(1);
        for (int i = 0; i < 40; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) (rng.nextGaussian() + (y[i] == 0 ? 3 : -3));
            }
        }
        return new Shard(new Dataset("local", x, y, 3, 2), java.util.stream.IntStream.range(0, 40).toArray());
    }

    private static float[] train(TrainingPlan plan, int clientId, int round) {
        TestProbe<ClientActor.Reply> probe = KIT.createTestProbe();
        ActorRef<ClientActor.Command> client = KIT.spawn(ClientActor.create(clientId, shard(), new LogisticRegression(3, 2), 9));
        client.tell(new ClientActor.Train(round, new float[8], plan, probe.getRef()));
        return ((ClientActor.Update) probe.receiveMessage()).result().delta();
    }

    @Test
    void withoutNoiseTheUpdateLeavesClippedToTheClipNorm() {
        float[] plain = train(new TrainingPlan(2, 5, 1f), 3, 1);
        assertThat(Clipping.l2Norm(plain)).isGreaterThan(0.5);
        float[] clipped = train(new TrainingPlan(2, 5, 1f, Optional.of(new TrainingPlan.LocalDp(0.5, 0))), 3, 1);
        assertThat(Clipping.l2Norm(clipped)).isCloseTo(0.5, within(1e-6));
        // the same direction: clipping only scales
        double s = 0.5 / Clipping.l2Norm(plain);
        for (int i = 0; i < plain.length; i++) {
            assertThat(clipped[i]).isCloseTo((float) (plain[i] * s), within(1e-6f));
        }
    }

    @Test
    void noiseComesFromTheClientsOwnGeneratorAndHasTheRightScale() {
        TrainingPlan noisy = new TrainingPlan(1, 5, 1f, Optional.of(new TrainingPlan.LocalDp(0.5, 4)));
        float[] a = train(noisy, 3, 1);
        assertThat(train(noisy, 3, 1)).containsExactly(a);            // same client, round, seed: same noise
        assertThat(train(noisy, 4, 1)).isNotEqualTo(a);               // another client: other noise
        // 8 coordinates of noise with std 2 swamp an update of norm <= 0.5
        assertThat(Clipping.l2Norm(a)).isBetween(0.5, 20.0);
    }
}
