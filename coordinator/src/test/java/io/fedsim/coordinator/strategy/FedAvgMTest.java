package io.fedsim.coordinator.strategy;

import static io.fedsim.coordinator.strategy.TwoClients.round;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FedAvgMTest {

    @Test
    void twoRoundsByHand() {
        FedAvgM strategy = new FedAvgM(0.5, 0.5);
        // Delta_1 = [4, 4] / 4 + 3 [0, 8] / 4 = [1, 7]; v_1 = [1, 7]; w_1 = [1, 1] + 0.5 [1, 7] = [1.5, 4.5]
        float[] w1 = round(strategy, 1, new float[] {1, 1}, new float[] {4, 4}, new float[] {0, 8});
        assertThat(w1).containsExactly(1.5f, 4.5f);
        assertThat(strategy.state().get("velocity")).containsExactly(1f, 7f);

        // Delta_2 = [-4, -8] / 4 + 3 [0, -4] / 4 = [-1, -5]; v_2 = 0.5 [1, 7] + [-1, -5] = [-0.5, -1.5];
        // w_2 = [1.5, 4.5] + 0.5 [-0.5, -1.5] = [1.25, 3.75]
        float[] w2 = round(strategy, 2, w1, new float[] {-4, -8}, new float[] {0, -4});
        assertThat(w2).containsExactly(1.25f, 3.75f);
        assertThat(strategy.state().get("velocity")).containsExactly(-0.5f, -1.5f);
    }

    @Test
    void withoutMomentumAndAtRateOneItIsFedAvg() {
        FedAvgM fedAvgM = new FedAvgM(1, 0);
        FedAvg fedAvg = new FedAvg();
        float[] a = {0.3f, -1.7f, 2.2f};
        float[] b = a.clone();
        float[][][] deltas = {
            {{0.5f, -3f, 1f}, {6f, 2f, -0.25f}},
            {{-0.1f, 0.7f, 0.9f}, {1.3f, -2.1f, 0.01f}},
            {{4f, 4f, -4f}, {-0.6f, 0.2f, 1.1f}}};
        for (int r = 0; r < deltas.length; r++) {
            a = round(fedAvgM, r + 1, a, deltas[r][0], deltas[r][1]);
            b = round(fedAvg, r + 1, b, deltas[r][0], deltas[r][1]);
            assertThat(a).containsExactly(b);
        }
    }

    @Test
    void restoreRejectsAForeignState() {
        FedAvgM strategy = new FedAvgM(1, 0.9);
        assertThatThrownBy(() -> strategy.restore(Map.of("m", new float[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("velocity");
    }

    @Test
    void stateForAnotherModelSizeIsRefused() {
        FedAvgM strategy = new FedAvgM(1, 0.9);
        strategy.restore(Map.of("velocity", new float[3]));
        assertThatThrownBy(() -> strategy.aggregate(1, new float[2],
                TwoClients.results(new float[2], new float[2]), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 parameters");
    }

    @Test
    void rejectsOutOfRangeParameters() {
        assertThatThrownBy(() -> new FedAvgM(0, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FedAvgM(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
