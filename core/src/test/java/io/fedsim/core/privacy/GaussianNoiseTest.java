package io.fedsim.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.rng.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianNoiseTest {
    private static final int N = 200_000;

    @Test
    void theAddedNoiseHasMeanZeroVarianceStdSquaredAndNormalKurtosis() {
        double std = 2.5;
        float base = 1.5f;
        float[] v = new float[N];
        Arrays.fill(v, base);
        GaussianNoise.addTo(v, std, Rng.derive(42, "noise-test"));

        double mean = 0;
        for (float x : v) {
            mean += x - base;
        }
        mean /= N;
        double m2 = 0;
        double m4 = 0;
        for (float x : v) {
            double d = (x - base) - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= N;
        m4 /= N;
        double variance = std * std;
        // standard errors under N(0, std^2): mean std/sqrt(n), variance std^2 sqrt(2/n), kurtosis sqrt(24/n)
        assertThat(mean).isCloseTo(0, within(5 * std / Math.sqrt(N)));
        assertThat(m2).isCloseTo(variance, within(5 * variance * Math.sqrt(2.0 / N)));
        assertThat(m4 / (m2 * m2)).isCloseTo(3, within(5 * Math.sqrt(24.0 / N)));
    }

    @Test
    void aboutSixtyEightPercentOfTheNoiseLiesWithinOneStd() {
        float[] v = new float[N];
        GaussianNoise.addTo(v, 0.3, Rng.derive(7, "noise-test"));
        long inside = Arrays.stream(toDouble(v)).filter(x -> Math.abs(x) <= 0.3).count();
        double p = 0.6826894921370859; // P(|Z| <= 1)
        assertThat((double) inside / N).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / N)));
    }

    @Test
    void zeroStdLeavesTheVectorUnchangedAndDrawsNothing() {
        float[] v = {1, -2, 3.5f};
        Rng rng = Rng.derive(1, "noise-test");
        GaussianNoise.addTo(v, 0, rng);
        assertThat(v).containsExactly(1f, -2f, 3.5f);
        assertThat(rng.nextLong()).isEqualTo(Rng.derive(1, "noise-test").nextLong());
    }

    @Test
    void theSameGeneratorSeedGivesIdenticalNoiseAndAnotherSeedOtherNoise() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        float[] c = new float[1000];
        GaussianNoise.addTo(a, 1.7, Rng.derive(5, "central-dp-noise", 3));
        GaussianNoise.addTo(b, 1.7, Rng.derive(5, "central-dp-noise", 3));
        GaussianNoise.addTo(c, 1.7, Rng.derive(5, "central-dp-noise", 4));
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void drawsOneStandardNormalPerCoordinateInOrder() {
        float[] v = {10, 20, 30, 40, 50};
        GaussianNoise.addTo(v, 0.5, Rng.derive(9, "noise-test"));
        Rng same = Rng.derive(9, "noise-test");
        float[] expected = {10, 20, 30, 40, 50};
        for (int i = 0; i < expected.length; i++) {
            expected[i] += (float) (0.5 * same.nextGaussian());
        }
        assertThat(v).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, -1e-12, Double.NaN, Double.POSITIVE_INFINITY})
    void aNegativeOrNonFiniteStdIsRejectedWithoutTouchingTheVector(double std) {
        float[] v = {1, 2};
        assertThatThrownBy(() -> GaussianNoise.addTo(v, std, new Rng(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard deviation");
        assertThat(v).containsExactly(1f, 2f);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
