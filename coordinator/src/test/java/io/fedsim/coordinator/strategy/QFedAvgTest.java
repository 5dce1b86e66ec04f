package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.client.TrainingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class QFedAvgTest {
    /** F_0(w_t) = 1, F_1(w_t) = 2; deltas (1, 0) and (0, 1); the sample counts play no part. */
    private static final List<ClientResult> RESULTS = List.of(new ClientResult(0, new float[] {1, 0}, 1, 0.5, 4, 1.0),
            new ClientResult(1, new float[] {0, 1}, 3, 0.25, 4, 2.0));

    private static RoundOutcome.Aggregated aggregated(RoundOutcome outcome) {
        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        return (RoundOutcome.Aggregated) outcome;
    }

    @Test
    void algorithmTwoByHand() {
        // L = 1, q = 1: Delta_w_k = -delta_k, ||Delta_w_k||^2 = 1; Delta_k = F_k Delta_w_k = (-1, 0), (0, -2)
        // h_k = q F_k^0 * 1 + L F_k = 1 + 1, 1 + 2: sum h = 5; w = (1, 1) - (-1, -2) / 5 = (1.2, 1.4)
        float[] global = {1, 1};
        RoundOutcome.Aggregated a = aggregated(new QFedAvg(1, 1, 1).aggregate(1, global, RESULTS, List.of()));
        assertThat(a.params()[0]).isCloseTo(1.2f, within(1e-6f));
        assertThat(a.params()[1]).isCloseTo(1.4f, within(1e-6f));
        assertThat(a.metrics()).containsEntry("global_loss_mean", 1.5);
        assertThat(global).containsExactly(1f, 1f);
        assertThat(RESULTS.get(0).delta()).containsExactly(1f, 0f);
        assertThat(RESULTS.get(1).delta()).containsExactly(0f, 1f);
    }

    @Test
    void qTwoWithLTwoByHand() {
        // L = 2, q = 2: Delta_w_k = -2 delta_k, ||Delta_w_k||^2 = 4; Delta_k = F_k^2 Delta_w_k = (-2, 0), (0, -8)
        // h_k = 2 F_k * 4 + 2 F_k^2 = 8 + 2 = 10, 16 + 8 = 24: sum h = 34; w = (0, 0) + (2, 8) / 34
        RoundOutcome.Aggregated a = aggregated(new QFedAvg(2, 1, 2).aggregate(1, new float[2], RESULTS, List.of()));
        assertThat(a.params()[0]).isCloseTo(2f / 34, within(1e-6f));
        assertThat(a.params()[1]).isCloseTo(8f / 34, within(1e-6f));
    }

    @Test
    void withQZeroItIsTheUnweightedMeanOfTheDeltas() {
        // q = 0: Delta_k = -L delta_k, h_k = L, so w + (1/K) sum_k delta_k whatever L and the losses
        for (double lipschitz : new double[] {0.5, 1, 10}) {
            RoundOutcome.Aggregated a = aggregated(new QFedAvg(0, 1, lipschitz)
                    .aggregate(1, new float[] {1, 1}, RESULTS, List.of()));
            assertThat(a.params()[0]).isCloseTo(1.5f, within(1e-6f));
            assertThat(a.params()[1]).isCloseTo(1.5f, within(1e-6f));
        }
    }

    @Test
    void asksClientsForTheirGlobalLossAndTakesLFromTheirLearningRate() {
        QFedAvg q = new QFedAvg(1, 1);
        TrainingPlan plan = q.clientPlan(3, new TrainingPlan(2, 8, 0.5f));
        assertThat(plan.reportGlobalLoss()).isTrue();
        assertThat(plan.epochs()).isEqualTo(2);
        assertThat(plan.learningRate()).isEqualTo(0.5f);
        // L = 2 with q = 1: h = (1 * 4 + 2 * 1) + (1 * 4 + 2 * 2) = 14; w = (2 * 1, 2 * 2) / 14
        RoundOutcome.Aggregated a = aggregated(q.aggregate(3, new float[2], RESULTS, List.of()));
        assertThat(a.params()[0]).isCloseTo(2f / 14, within(1e-6f));
        assertThat(a.params()[1]).isCloseTo(4f / 14, within(1e-6f));
        assertThat(new TrainingPlan(2, 8, 0.5f).reportGlobalLoss()).isFalse();
    }

    @Test
    void roundsItCannotComputeAreSkippedWithAReason() {
        assertThat(reason(new QFedAvg(1, 1, 1), List.of())).contains("no client reported");
        assertThat(reason(new QFedAvg(1, 1), RESULTS)).contains("saw none");
        assertThat(reason(new QFedAvg(1, 1, 1), List.of(new ClientResult(7, new float[] {1, 0}, 2, 0.3))))
                .isEqualTo("q-fedavg needs every client's loss at the global model, F_k(w_t); client 7 reported NaN");
        assertThat(reason(new QFedAvg(2, 1, 1), List.of(new ClientResult(0, new float[] {1, 0}, 2, 0.3, 1, 0.0))))
                .startsWith("q-fedavg: the sum of h_k is 0.0");
    }

    private static String reason(Strategy s, List<ClientResult> results) {
        RoundOutcome outcome = s.aggregate(1, new float[2], results, List.of());
        assertThat(outcome).isInstanceOf(RoundOutcome.Skipped.class);
        return ((RoundOutcome.Skipped) outcome).reason();
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new QFedAvg(-1, 1)).hasMessageContaining("q must be finite and >= 0");
        assertThatThrownBy(() -> new QFedAvg(1, 1, 0)).hasMessageContaining("L must be finite and > 0");
        assertThatThrownBy(() -> new QFedAvg(1, 0)).hasMessageContaining("server learning rate must be > 0");
    }
}
