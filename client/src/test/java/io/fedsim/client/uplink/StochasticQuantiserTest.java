package io.fedsim.client.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.rng.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StochasticQuantiserTest {
    private static final float[] VALUES = {-0.8f, 0.013f, 0.5f, 0.2371f, -0.0004f, 1.2f, 0.9999f};

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void everyValueRoundsToOneOfItsTwoNeighbouringLevelsAndTheRangeIsExact(int bits) {
        float[] decoded = WireFormat.decode(StochasticQuantiser.encode(VALUES, bits, Rng.derive(1, "quantise", 1, 0)));
        double step = (1.2 - -0.8) / ((1 << bits) - 1);

        assertThat(decoded[0]).isEqualTo(-0.8f);
        assertThat(decoded[5]).isEqualTo(1.2f);
        for (int i = 0; i < VALUES.length; i++) {
            assertThat((double) Math.abs(decoded[i] - VALUES[i])).isLessThanOrEqualTo(step + 1e-6);
        }
    }

    /**
     * Unbiasedness, seeded: over N independent draws the mean decoded value of each coordinate is within
     * 4 standard errors of the true value (each draw has variance at most step^2 / 4).
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void quantisationIsUnbiased(int bits) {
        int n = 20_000;
        double[] sum = new double[VALUES.length];
        for (int t = 0; t < n; t++) {
            float[] d = WireFormat.decode(StochasticQuantiser.encode(VALUES, bits, Rng.derive(7, "quantise", t, 3)));
            for (int i = 0; i < d.length; i++) {
                sum[i] += d[i];
            }
        }
        double step = 2.0 / ((1 << bits) - 1);
        double tolerance = 4 * (step / 2) / Math.sqrt(n) + 1e-6;
        for (int i = 0; i < VALUES.length; i++) {
            assertThat(sum[i] / n).as("coordinate %d", i).isCloseTo(VALUES[i], within(tolerance));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void valueOnTheGridIsSentExactlyWithoutRandomness(int bits) {
        float[] v = {0f, 3f, 3f, 0f};
        assertThat(WireFormat.decode(StochasticQuantiser.encode(v, bits, new Rng(5)))).containsExactly(v);
        float[] constant = {0.7f, 0.7f};
        assertThat(WireFormat.decode(StochasticQuantiser.encode(constant, bits, new Rng(5)))).containsExactly(constant);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void sameGeneratorGivesTheSameMessage(int bits) {
        assertThat(StochasticQuantiser.encode(VALUES, bits, Rng.derive(3, "quantise", 2, 9)))
                .containsExactly(StochasticQuantiser.encode(VALUES, bits, Rng.derive(3, "quantise", 2, 9)));
    }
}
