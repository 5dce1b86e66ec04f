package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FedNovaTest {

    private static float[] params(RoundOutcome outcome) {
        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        return ((RoundOutcome.Aggregated) outcome).params();
    }

    @Test
    void normalisesByLocalStepsAndRescalesByTheEffectiveSteps() {
        // n = (1, 3): p = (1/4, 3/4); tau = (2, 6): d = (4, 0) / 2 = (2, 0) and (0, 12) / 6 = (0, 2)
        // sum_k p_k d_k = (1/2, 3/2); tau_eff = 2/4 + 18/4 = 5; w = (1, 1) + 5 * (1/2, 3/2) = (3.5, 8.5)
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {4, 0}, 1, 0.5, 2, Double.NaN),
                new ClientResult(1, new float[] {0, 12}, 3, 0.25, 6, Double.NaN));
        float[] global = {1, 1};

        RoundOutcome outcome = new FedNova(1).aggregate(1, global, results, List.of());

        assertThat(params(outcome)).containsExactly(3.5f, 8.5f);
        assertThat(((RoundOutcome.Aggregated) outcome).metrics()).containsEntry("tau_eff", 5.0);
        // FedAvg would give (1, 1) + (1, 9) = (2, 10): the client with more steps pulls harder
        assertThat(params(new FedAvg(1).aggregate(1, global, results, List.of()))).containsExactly(2f, 10f);
        assertThat(global).containsExactly(1f, 1f);
        assertThat(results.get(0).delta()).containsExactly(4f, 0f);
        assertThat(results.get(1).delta()).containsExactly(0f, 12f);
    }

    @Test
    void theServerLearningRateScalesTheStep() {
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {4, 0}, 1, 0.5, 2, Double.NaN),
                new ClientResult(1, new float[] {0, 12}, 3, 0.25, 6, Double.NaN));
        assertThat(params(new FedNova(0.5).aggregate(1, new float[] {1, 1}, results, List.of())))
                .containsExactly(2.25f, 4.75f);
    }

    @Test
    void withEqualStepsItIsFedAvg() {
        float[] d0 = {0.3f, -1.7f};
        float[] d1 = {2.1f, 0.4f};
        List<ClientResult> results = List.of(new ClientResult(0, d0, 1, 0.5, 7, Double.NaN),
                new ClientResult(1, d1, 3, 0.25, 7, Double.NaN));
        float[] nova = params(new FedNova(0.8).aggregate(1, new float[] {1, -2}, results, List.of()));
        float[] avg = TwoClients.round(new FedAvg(0.8), 1, new float[] {1, -2}, d0, d1);
        for (int i = 0; i < 2; i++) {
            assertThat(nova[i]).isCloseTo(avg[i], within(1e-6f));
        }
    }

    @Test
    void aRoundWithoutResultsOrStepCountsIsSkippedWithAReason() {
        RoundOutcome none = new FedNova(1).aggregate(1, new float[2], List.of(), List.of());
        assertThat(none).isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) none).reason()).contains("no client reported");

        RoundOutcome noSteps = new FedNova(1).aggregate(1, new float[2],
                List.of(new ClientResult(4, new float[] {1, 1}, 5, 0.3)), List.of());
        assertThat(((RoundOutcome.Skipped) noSteps).reason())
                .isEqualTo("fednova needs every client's local step count; client 4 reported 0");
    }

    @Test
    void aClientWithoutSamplesWeighsNothing() {
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {6, 6}, 2, 0.5, 3, Double.NaN),
                new ClientResult(1, new float[] {0, 0}, 0, Double.NaN, 0, Double.NaN));
        assertThat(params(new FedNova(1).aggregate(1, new float[2], results, List.of()))).containsExactly(6f, 6f);
    }

    @Test
    void rejectsANonPositiveServerLearningRate() {
        assertThatThrownBy(() -> new FedNova(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server learning rate must be > 0");
    }
}
