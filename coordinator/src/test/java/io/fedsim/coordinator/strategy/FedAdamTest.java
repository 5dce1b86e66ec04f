package io.fedsim.coordinator.strategy;

import static io.fedsim.coordinator.strategy.TwoClients.round;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FedAdamTest {

    @Test
    void twoRoundsByHand() {
        // eta = 1, beta1 = beta2 = 0.5, tau = 1: m_{-1} = [0, 0], v_{-1} = tau^2 = [1, 1]
        FedAdam strategy = new FedAdam(1, 0.5, 0.5, 1);

        // Delta_1 = [4, 4] / 4 + 3 [0, 8] / 4 = [1, 7]
        // m_1 = 0.5 [1, 7] = [0.5, 3.5]; v_1 = 0.5 [1, 1] + 0.5 [1, 49] = [1, 25]
        // w_1 = [1, 1] + [0.5 / (1 + 1), 3.5 / (5 + 1)] = [1.25, 1 + 7/12]
        float[] w1 = round(strategy, 1, new float[] {1, 1}, new float[] {4, 4}, new float[] {0, 8});
        assertThat(w1[0]).isEqualTo(1.25f);
        assertThat(w1[1]).isCloseTo(1 + 7f / 12, within(1e-6f));
        assertThat(strategy.state().get("m")).containsExactly(0.5f, 3.5f);
        assertThat(strategy.state().get("v")).containsExactly(1f, 25f);

        // Delta_2 = [-4, -8] / 4 + 3 [0, -4] / 4 = [-1, -5]
        // m_2 = 0.5 [0.5, 3.5] + 0.5 [-1, -5] = [-0.25, -0.75]; v_2 = 0.5 [1, 25] + 0.5 [1, 25] = [1, 25]
        // w_2 = w_1 + [-0.25 / 2, -0.75 / 6] = [1.125, 1 + 7/12 - 1/8]
        float[] w2 = round(strategy, 2, w1, new float[] {-4, -8}, new float[] {0, -4});
        assertThat(w2[0]).isEqualTo(1.125f);
        assertThat(w2[1]).isCloseTo(1 + 7f / 12 - 0.125f, within(1e-6f));
        assertThat(strategy.state().get("m")).containsExactly(-0.25f, -0.75f);
        assertThat(strategy.state().get("v")).containsExactly(1f, 25f);
    }
}
