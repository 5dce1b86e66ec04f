package io.fedsim.coordinator.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.strategy.RoundOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveClippingTest {

    @Test
    void updateNoiseKeepsTheRoundsTotalNoiseMultiplier() {
        // Andrew et al. Theorem 1: z_update = (z^-2 - (2 sigma_b)^-2)^(-1/2); z = 1, sigma_b = 1: (1 - 1/4)^(-1/2)
        AdaptiveClipping a = new AdaptiveClipping(0.5, 0.2, 1.0);
        assertThat(a.updateNoiseMultiplier(1.0)).isCloseTo(1 / Math.sqrt(0.75), within(1e-15));
        assertThat(a.updateNoiseMultiplier(0)).isZero();
        assertThatThrownBy(() -> a.updateNoiseMultiplier(2.0)).hasMessageContaining("must exceed half the noise multiplier");
    }

    @Test
    void clipNormMovesGeometricallyTowardsTheTargetQuantile() {
        AdaptiveClipping a = new AdaptiveClipping(0.5, 0.2, 1.0);
        // 8 of 10 expected clients fit unclipped: fraction 0.8 > 0.5, so the norm shrinks by e^(-0.2 * 0.3)
        assertThat(a.nextClipNorm(2.0, 8, 10)).isCloseTo(2.0 * Math.exp(-0.06), within(1e-15));
        assertThat(a.nextClipNorm(2.0, 5, 10)).isEqualTo(2.0);
        assertThat(a.nextClipNorm(2.0, 1, 10)).isGreaterThan(2.0);
    }

    @Test
    void centralDpWithAdaptiveClippingConvergesToTheQuantileOfUpdateNorms() {
        // 100 clients whose update norms are 1, 2, ..., 100: the median is ~50; no update noise (z = 0)
        List<ClientResult> results = new ArrayList<>();
        for (int k = 1; k <= 100; k++) {
            results.add(new ClientResult(k, new float[] {k, 0}, 1, 0));
        }
        CentralDp dp = new CentralDp(new FedAvg(), 1.0, 0, 100, 7, new AdaptiveClipping(0.5, 0.2, 1.0));
        for (int round = 1; round <= 300; round++) {
            RoundOutcome outcome = dp.aggregate(round, new float[2], results, List.of());
            assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        }
        assertThat(dp.clipNorm()).isBetween(40.0, 60.0);

        // the adaptive clip norm is part of the strategy's state: a restored copy carries on identically
        CentralDp copy = new CentralDp(new FedAvg(), 1.0, 0, 100, 7, new AdaptiveClipping(0.5, 0.2, 1.0));
        copy.restore(dp.state());
        assertThat(copy.clipNorm()).isEqualTo(dp.clipNorm());
        RoundOutcome a = dp.aggregate(301, new float[2], results, List.of());
        RoundOutcome b = copy.aggregate(301, new float[2], results, List.of());
        assertThat(((RoundOutcome.Aggregated) b).params()).containsExactly(((RoundOutcome.Aggregated) a).params());
        assertThat(copy.clipNorm()).isEqualTo(dp.clipNorm());
    }
}
