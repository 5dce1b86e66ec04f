package io.fedsim.coordinator.strategy;

import static io.fedsim.coordinator.strategy.TwoClients.round;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FedAdagradTest {

    @Test
    void twoRoundsByHand() {
        // eta = 1, beta1 = 0.5, tau = 3: m_{-1} = [0, 0], v_{-1} = tau^2 = [9, 9]
        FedAdagrad strategy = new FedAdagrad(1, 0.5, 3);

        // Delta_1 = [16, 0] / 4 + 3 [0, 0] / 4 = [4, 0]
        // m_1 = 0.5 [4, 0] = [2, 0]; v_1 = [9 + 16, 9 + 0] = [25, 9]
        // w_1 = [1, 1] + [2 / (5 + 3), 0 / (3 + 3)] = [1.25, 1]
        float[] w1 = round(strategy, 1, new float[] {1, 1}, new float[] {16, 0}, new float[] {0, 0});
        assertThat(w1).containsExactly(1.25f, 1f);
        assertThat(strategy.state().get("m")).containsExactly(2f, 0f);
        assertThat(strategy.state().get("v")).containsExactly(25f, 9f);

        // Delta_2 = [0, 16] / 4 + 3 [16, 0] / 4 = [12, 4]
        // m_2 = 0.5 [2, 0] + 0.5 [12, 4] = [7, 2]; v_2 = [25 + 144, 9 + 16] = [169, 25]
        // w_2 = [1.25, 1] + [7 / (13 + 3), 2 / (5 + 3)] = [1.6875, 1.25]
        float[] w2 = round(strategy, 2, w1, new float[] {0, 16}, new float[] {16, 0});
        assertThat(w2).containsExactly(1.6875f, 1.25f);
        assertThat(strategy.state().get("m")).containsExactly(7f, 2f);
        assertThat(strategy.state().get("v")).containsExactly(169f, 25f);
    }
}
