package io.fedsim.coordinator.strategy;

import static io.fedsim.coordinator.strategy.TwoClients.round;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FedYogiTest {

    @Test
    void twoRoundsByHandWithVGrowingStayingAndShrinking() {
        // eta = 1, beta1 = beta2 = 0.5, tau = 3: m_{-1} = [0, 0], v_{-1} = tau^2 = [9, 9]
        FedYogi strategy = new FedYogi(1, 0.5, 0.5, 3);

        // Delta_1 = [12, 12] / 4 + 3 [12, 0] / 4 = [12, 3]; Delta_1^2 = [144, 9]
        // m_1 = 0.5 [12, 3] = [6, 1.5]
        // v_1 = v_0 - 0.5 Delta^2 sign(v_0 - Delta^2): [9 - 72 * sign(-135), 9 - 4.5 * sign(0)] = [81, 9]
        // w_1 = [1, 1] + [6 / (9 + 3), 1.5 / (3 + 3)] = [1.5, 1.25]
        float[] w1 = round(strategy, 1, new float[] {1, 1}, new float[] {12, 12}, new float[] {12, 0});
        assertThat(w1).containsExactly(1.5f, 1.25f);
        assertThat(strategy.state().get("m")).containsExactly(6f, 1.5f);
        assertThat(strategy.state().get("v")).containsExactly(81f, 9f);

        // Delta_2 = [8, 0] / 4 + 3 [8, 16] / 4 = [8, 12]; Delta_2^2 = [64, 144]
        // m_2 = 0.5 [6, 1.5] + 0.5 [8, 12] = [7, 6.75]
        // v_2 = [81 - 32 * sign(17), 9 - 72 * sign(-135)] = [49, 81]  (v shrinks where Delta^2 < v)
        // w_2 = [1.5, 1.25] + [7 / (7 + 3), 6.75 / (9 + 3)] = [2.2, 1.8125]
        float[] w2 = round(strategy, 2, w1, new float[] {8, 0}, new float[] {8, 16});
        assertThat(w2[0]).isCloseTo(2.2f, within(1e-6f));
        assertThat(w2[1]).isEqualTo(1.8125f);
        assertThat(strategy.state().get("m")).containsExactly(7f, 6.75f);
        assertThat(strategy.state().get("v")).containsExactly(49f, 81f);
    }
}
