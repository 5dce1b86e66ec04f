package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.client.TrainingPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SCAFFOLD's server step by hand: two clients of a population of N = 4, holding 1 and 3 samples (SCAFFOLD
 * ignores the counts: plain means, as in the paper).
 * <pre>
 *   delta_y: [0.2, -0.4] and [0.6, 0]    -> mean [0.4, -0.2]
 *   delta_c: [1, 2] and [3, -2]          -> sum [4, 0], c += sum / N = [1, 0]
 * </pre>
 */
class ScaffoldTest {
    private static final float[] GLOBAL = {1f, 2f};

    private static List<ClientResult> round() {
        return List.of(result(0, new float[] {0.2f, -0.4f}, 1, new float[] {1f, 2f}),
                result(1, new float[] {0.6f, 0f}, 3, new float[] {3f, -2f}));
    }

    private static ClientResult result(int id, float[] deltaY, int samples, float[] deltaC) {
        return new ClientResult(id, deltaY, samples, 0.5, 10, Double.NaN, Optional.of(deltaC));
    }

    @Test
    void theModelStepsByThePlainMeanAndCByTheSumOverN() {
        Scaffold scaffold = new Scaffold(1.0, 4);

        RoundOutcome.Aggregated first = (RoundOutcome.Aggregated) scaffold.aggregate(1, GLOBAL, round(), List.of());

        assertThat(first.params()).containsExactly(new float[] {1.4f, 1.8f}, within(1e-6f));
        assertThat(scaffold.state().get("c")).containsExactly(new float[] {1f, 0f}, within(1e-6f));
        assertThat(first.metrics()).containsEntry("control_variate_norm", 1.0);
    }

    @Test
    void theServerLearningRateScalesTheModelStepOnlyAndCAccumulates() {
        Scaffold scaffold = new Scaffold(0.5, 4);

        float[] w1 = ((RoundOutcome.Aggregated) scaffold.aggregate(1, GLOBAL, round(), List.of())).params();
        float[] w2 = ((RoundOutcome.Aggregated) scaffold.aggregate(2, w1, round(), List.of())).params();

        assertThat(w1).containsExactly(new float[] {1.2f, 1.9f}, within(1e-6f));
        assertThat(w2).containsExactly(new float[] {1.4f, 1.8f}, within(1e-6f));
        assertThat(scaffold.state().get("c")).containsExactly(new float[] {2f, 0f}, within(1e-6f));
    }

    @Test
    void theClientPlanCarriesCSharedReadOnlyAndAnEmptyArrayBeforeTheFirstRound() {
        Scaffold scaffold = new Scaffold(1.0, 4);
        TrainingPlan plan = new TrainingPlan(1, 10, 0.1f);

        assertThat(scaffold.clientPlan(1, plan).serverControl()).hasValueSatisfying(c -> assertThat(c).isEmpty());
        scaffold.aggregate(1, GLOBAL, round(), List.of());
        float[] sent = scaffold.clientPlan(2, plan).serverControl().orElseThrow();
        assertThat(sent).containsExactly(new float[] {1f, 0f}, within(1e-6f));

        scaffold.aggregate(2, GLOBAL, round(), List.of());
        assertThat(sent).as("round 2's aggregation must not write into the array round 2's clients still read")
                .containsExactly(new float[] {1f, 0f}, within(1e-6f));
    }

    @Test
    void aResultWithoutAControlChangeSkipsTheRoundAndLeavesCAlone() {
        Scaffold scaffold = new Scaffold(1.0, 4);
        scaffold.aggregate(1, GLOBAL, round(), List.of());
        Map<String, float[]> before = scaffold.state();

        RoundOutcome outcome = scaffold.aggregate(2, GLOBAL,
                List.of(round().get(0), new ClientResult(1, new float[] {0f, 0f}, 3, 0.5)), List.of());

        assertThat(outcome).isInstanceOfSatisfying(RoundOutcome.Skipped.class,
                s -> assertThat(s.reason()).contains("client 1").contains("control-variate"));
        assertThat(scaffold.state().get("c")).containsExactly(before.get("c"));
    }

    @Test
    void thePopulationMustBeKnown() {
        assertThatThrownBy(() -> new Scaffold(1.0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("population");
    }
}
