package io.fedsim.coordinator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FairnessKernelsTest {
    private static final double[] FOUR = {0.5, 1.0, 0.75, 0.25};

    @Test
    void meanStdAndJainOfFourClientsByHand() {
        assertThat(FairnessKernels.mean(FOUR)).isEqualTo(0.625);
        // deviations -1/8, 3/8, 1/8, -3/8: squares sum to 5/16, over n = 4 is 5/64
        assertThat(FairnessKernels.std(FOUR)).isCloseTo(Math.sqrt(5.0 / 64), within(1e-15));
        // (2.5)^2 / (4 * 1.875) = 6.25 / 7.5
        assertThat(FairnessKernels.jain(FOUR)).isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void worstTenPercentIsAtLeastOneClient() {
        assertThat(FairnessKernels.worstMean(FOUR, 0.1)).isEqualTo(0.25);            // floor(0.4) = 0 -> 1 client
        double[] twenty = IntStream.rangeClosed(1, 20).mapToDouble(i -> i / 20.0).toArray();
        assertThat(FairnessKernels.worstMean(twenty, 0.1)).isCloseTo(0.075, within(1e-15)); // 2 clients: 0.05, 0.10
        double[] ten = IntStream.range(0, 10).mapToDouble(i -> 0.9 - i * 0.1).toArray();
        assertThat(FairnessKernels.worstMean(ten, 0.1)).isCloseTo(0.0, within(1e-15));       // exactly 1 of 10
    }

    @Test
    void jainRangesFromOneOverNToOne() {
        assertThat(FairnessKernels.jain(new double[] {1, 0, 0, 0})).isEqualTo(0.25);
        assertThat(FairnessKernels.jain(new double[] {0.3, 0.3, 0.3})).isCloseTo(1.0, within(1e-15));
        assertThat(FairnessKernels.jain(new double[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void metricsSkipClientsWithoutLocalTestData() {
        List<ClientEvaluation> clients = List.of(
                new ClientEvaluation(0, 4, 0.1, 0.2, 0.5),
                new ClientEvaluation(1, 0, 0.1, Double.NaN, Double.NaN),
                new ClientEvaluation(2, 2, 0.1, 0.2, 1.0));
        var m = FairnessKernels.metrics(clients);
        assertThat(m.keySet()).containsExactlyElementsOf(FairnessKernels.COLUMNS);
        assertThat(m.get("fed_accuracy_mean")).isEqualTo(0.75);
        assertThat(m.get("fed_accuracy_worst10")).isEqualTo(0.5);
        assertThat(m.get("fed_accuracy_std")).isEqualTo(0.25);
        assertThat(m.get("fed_jain")).isCloseTo(2.25 / 2.5, within(1e-15));
        assertThat(FairnessKernels.metrics(List.of(clients.get(1)))).isEmpty();
    }
}
