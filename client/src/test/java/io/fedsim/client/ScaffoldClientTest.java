package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.rng.Rng;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SCAFFOLD's client step (option II). With one full-batch step (E = 1, B = 0, so K = 1) everything is known in
 * closed form: y = x - lr (g(x) - c_i + c), and c_i+ = c_i - c + (x - y) / lr = g(x), the client's gradient at x.
 */
class ScaffoldClientTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final long SEED = 7;

    private final Model model = new LogisticRegression(2, 2);
    private final Shard shard = new Shard(LocalTrainerTest.gaussian(3, 12), LocalTrainerTest.range(12));
    private final TrainingPlan oneFullBatchStep = new TrainingPlan(1, 0, 1.0f);
    private final float[] c = {0.5f, -0.25f, 0f, 1f, 0.125f, -1f};

    @AfterAll
    static void shutdown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void theKernelsComputeTheCorrectionAndOptionTwosControlVariateByHand() {
        float[] ci = {1, -1};
        float[] server = {0.5f, 0.5f};

        assertThat(ScaffoldClient.correction(server, ci)).containsExactly(-0.5f, 1.5f);
        // c_i - c - delta_y / (K lr) = [1 - 0.5 + 2/2, -1 - 0.5 - 4/2]
        assertThat(ScaffoldClient.nextControl(ci, server, new float[] {-2, 4}, 2, 1f)).containsExactly(1.5f, -3.5f);
        // K lr = 4 * 0.5
        assertThat(ScaffoldClient.nextControl(ci, server, new float[] {-2, 4}, 4, 0.5f)).containsExactly(1.5f, -3.5f);
        assertThat(ScaffoldClient.nextControl(ci, server, new float[] {9, 9}, 0, 1f)).as("no step, nothing learned")
                .containsExactly(1f, -1f);
    }

    @Test
    void everyLocalStepIsCorrectedByCMinusCi() {
        float[] x = {0.2f, -0.1f, 0f, 0.3f, 0.05f, -0.05f};
        float[] correction = {1f, 2f, -1f, 0f, 0.5f, -0.5f};
        float[] g = gradientAt(x);

        TrainResult result = LocalTrainer.train(model.newWorkspace(12), x, shard, oneFullBatchStep, new Rng(1),
                Optional.of(correction));

        assertThat(result.steps()).isEqualTo(1);
        for (int j = 0; j < x.length; j++) {
            assertThat(result.delta()[j]).as("coordinate %d", j).isCloseTo(-(g[j] + correction[j]), within(1e-6f));
        }
    }

    @Test
    void theClientKeepsCiAcrossRoundsAndReportsItsChange() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(4, shard, model, SEED));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();
        TestProbe<ClientActor.StateSnapshot> snapshots = TEST_KIT.createTestProbe();
        float[] x1 = {0.2f, -0.1f, 0f, 0.3f, 0.05f, -0.05f};
        float[] x2 = {-0.4f, 0.3f, 0.1f, -0.2f, 0f, 0.2f};
        float[] g1 = gradientAt(x1);
        float[] g2 = gradientAt(x2);

        client.tell(new ClientActor.Train(1, x1, oneFullBatchStep.withServerControl(new float[0]), replies.ref()));
        TrainResult first = replies.expectMessageClass(ClientActor.Update.class).result();
        client.tell(new ClientActor.GetState(snapshots.ref()));
        float[] ciAfter1 = snapshots.receiveMessage().state().get(ScaffoldClient.CONTROL_VARIATE);

        // round 1: c = 0 (the empty array) and c_i = 0 (lazily), so y = x - g(x) and c_i+ = g(x1)
        assertClose(first.delta(), negate(g1));
        assertClose(ciAfter1, g1);
        assertThat(first.controlDelta()).isPresent();
        assertClose(first.controlDelta().get(), g1);

        client.tell(new ClientActor.Train(2, x2, oneFullBatchStep.withServerControl(c), replies.ref()));
        TrainResult second = replies.expectMessageClass(ClientActor.Update.class).result();
        client.tell(new ClientActor.GetState(snapshots.ref()));
        Map<String, float[]> stateAfter2 = snapshots.receiveMessage().state();

        // round 2 corrects by c - c_i with the c_i kept from round 1: y - x2 = -(g(x2) - g(x1) + c)
        float[] expectedDelta = new float[x2.length];
        float[] expectedChange = new float[x2.length];
        for (int j = 0; j < x2.length; j++) {
            expectedDelta[j] = -(g2[j] - g1[j] + c[j]);
            expectedChange[j] = g2[j] - g1[j];
        }
        assertClose(second.delta(), expectedDelta);
        assertClose(stateAfter2.get(ScaffoldClient.CONTROL_VARIATE), g2);
        assertClose(second.controlDelta().get(), expectedChange);
    }

    @Test
    void aPlainRoundLeavesTheStateEmptyAndReportsNoControlChange() {
        ActorRef<ClientActor.Command> client = TEST_KIT.spawn(ClientActor.create(5, shard, model, SEED));
        TestProbe<ClientActor.Reply> replies = TEST_KIT.createTestProbe();
        TestProbe<ClientActor.StateSnapshot> snapshots = TEST_KIT.createTestProbe();

        client.tell(new ClientActor.Train(1, c, oneFullBatchStep, replies.ref()));
        TrainResult result = replies.expectMessageClass(ClientActor.Update.class).result();
        client.tell(new ClientActor.GetState(snapshots.ref()));

        assertThat(result.controlDelta()).isEmpty();
        assertThat(snapshots.receiveMessage().state()).isEmpty();
    }

    /** The mean loss's gradient on the whole shard at {@code x}, from a real workspace. */
    private float[] gradientAt(float[] x) {
        ModelWorkspace ws = model.newWorkspace(12);
        ws.setParameters(x);
        ws.computeGradient(shard.data(), shard.indices(), 0, shard.size());
        float[] g = new float[x.length];
        ws.gradient(g);
        return g;
    }

    private static float[] negate(float[] v) {
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = -v[j];
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).containsExactly(expected, within(1e-5f));
    }
}
