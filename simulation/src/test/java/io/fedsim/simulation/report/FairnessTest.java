package io.fedsim.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Fairness figures on accuracies small enough to work out by hand. */
class FairnessTest {
    @Test
    void fourClients() {
        Fairness f = Fairness.of(new double[] {0.9, 0.5, 0.7, 0.3});

        assertThat(f.clients()).isEqualTo(4);
        assertThat(f.mean()).isCloseTo(0.6, within(1e-12));
        // floor(10% of 4) = 0, so at least 1 client: the worst one
        assertThat(f.worst10()).isCloseTo(0.3, within(1e-12));
        // deviations -0.3, -0.1, 0.1, 0.3: variance (0.09 + 0.01 + 0.01 + 0.09) / 4 = 0.05
        assertThat(f.stdDev()).isCloseTo(Math.sqrt(0.05), within(1e-12));
        // (2.4)^2 / (4 * (0.81 + 0.25 + 0.49 + 0.09)) = 5.76 / 6.56
        assertThat(f.jain()).isCloseTo(5.76 / 6.56, within(1e-12));
    }

    @Test
    void theWorstTenthOfTwentyClientsIsTheWorstTwoAndOfNineteenTheWorstOne() {
        double[] accuracies = new double[20];
        for (int i = 0; i < 20; i++) {
            accuracies[i] = (i + 1) / 20.0;
        }
        assertThat(Fairness.of(accuracies).worst10()).isCloseTo((0.05 + 0.10) / 2, within(1e-12));
        assertThat(Fairness.of(java.util.Arrays.copyOf(accuracies, 19)).worst10()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void jainsIndexRunsFromOneOverNToOne() {
        assertThat(Fairness.of(new double[] {0.8, 0.8, 0.8}).jain()).isCloseTo(1.0, within(1e-12));
        assertThat(Fairness.of(new double[] {1.0, 0.0, 0.0, 0.0}).jain()).isCloseTo(0.25, within(1e-12));
        assertThat(Fairness.of(new double[] {0.0, 0.0}).jain()).isEqualTo(1.0);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {0.1, 0.2, 0.4, 0.8};
        assertThat(Fairness.quantile(sorted, 0.0)).isEqualTo(0.1);
        assertThat(Fairness.quantile(sorted, 1.0)).isEqualTo(0.8);
        // position 0.5 * 3 = 1.5: halfway between 0.2 and 0.4
        assertThat(Fairness.quantile(sorted, 0.5)).isCloseTo(0.3, within(1e-12));
        // position 0.9 * 3 = 2.7: 0.4 + 0.7 * 0.4
        assertThat(Fairness.quantile(sorted, 0.9)).isCloseTo(0.68, within(1e-12));
        assertThat(Fairness.quantile(new double[] {0.5}, 0.25)).isEqualTo(0.5);
    }
}
