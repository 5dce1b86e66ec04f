package io.fedsim.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RdpAccountantTest {

    /** Published values (a copy of ../shared/reference/rdp_examples.csv): must match to 1e-9 relative. */
    static Stream<Arguments> reference() throws Exception {
        List<Arguments> rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                RdpAccountantTest.class.getResourceAsStream("/privacy/rdp_examples.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("q,")) {
                    continue;
                }
                String[] c = line.split(",");
                rows.add(Arguments.of(Double.parseDouble(c[0]), Double.parseDouble(c[1]), Long.parseLong(c[2]),
                        Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5])));
            }
        }
        assertThat(rows).hasSize(8);
        return rows.stream();
    }

    @ParameterizedTest(name = "q={0} sigma={1} steps={2}")
    @MethodSource("reference")
    void matchesTheReferenceValues(double q, double sigma, long steps, double delta, double epsilon, double bestOrder) {
        RdpAccountant.Spent spent = RdpAccountant.epsilon(q, sigma, steps, delta);
        assertThat(Math.abs(spent.epsilon() - epsilon) / epsilon).isLessThan(1e-9);
        assertThat(spent.bestOrder()).isEqualTo(bestOrder);
    }

    @Test
    void fullBatchGaussianHasTheClosedForm() {
        // q = 1: rdp(a) = a / (2 sigma^2) exactly
        assertThat(RdpAccountant.rdp(1, 2, 5)).isEqualTo(5 / 8.0);
        assertThat(RdpAccountant.rdp(1, 2, 4.5)).isEqualTo(4.5 / 8.0);
    }

    @Test
    void integerOrderTwoHasTheClosedForm() {
        // order 2: A = (1-q)^2 + 2q(1-q) + q^2 e^(1/sigma^2) = 1 + q^2 (e^(1/sigma^2) - 1)
        double q = 0.03;
        double sigma = 0.8;
        double expected = Math.log(1 + q * q * (Math.exp(1 / (sigma * sigma)) - 1));
        assertThat(RdpAccountant.rdp(q, sigma, 2)).isCloseTo(expected, within(1e-15));
    }

    @ParameterizedTest
    @CsvSource({"0.01, 0.7", "0.1, 1.5", "0.001, 3", "0.5, 1"})
    void fractionalOrdersLieBetweenTheirIntegerNeighbours(double q, double sigma) {
        // RDP is non-decreasing in the order, so the two computations (series vs binomial sum) must interleave
        for (int a = 2; a < 10; a++) {
            double lo = RdpAccountant.rdp(q, sigma, a);
            double mid = RdpAccountant.rdp(q, sigma, a + 0.5);
            double hi = RdpAccountant.rdp(q, sigma, a + 1);
            assertThat(mid).as("order %s", a + 0.5).isBetween(lo * (1 - 1e-12), hi * (1 + 1e-12));
        }
    }

    @Test
    void noSamplingOrNoNoiseAreTheExtremes() {
        assertThat(RdpAccountant.rdp(0, 1, 3)).isZero();
        assertThat(RdpAccountant.rdp(0.1, 0, 3)).isInfinite();
        assertThat(RdpAccountant.epsilon(0.1, 0, 10, 1e-5).epsilon()).isInfinite();
    }

    @Test
    void stepsWithChangingParametersCompose() {
        RdpAccountant a = new RdpAccountant();
        a.step(0.01, 1.1, 500);
        a.step(0.02, 1.5, 300);
        double[] expected = new double[RdpAccountant.DEFAULT_ORDERS.length];
        for (int i = 0; i < expected.length; i++) {
            double order = RdpAccountant.DEFAULT_ORDERS[i];
            expected[i] = 500 * RdpAccountant.rdp(0.01, 1.1, order) + 300 * RdpAccountant.rdp(0.02, 1.5, order);
        }
        assertThat(a.rdpVector()).containsExactly(expected);
        RdpAccountant b = new RdpAccountant();
        b.restore(a.rdpVector());
        assertThat(b.spent(1e-5)).isEqualTo(a.spent(1e-5));
    }

    @ParameterizedTest
    @CsvSource({"0.01, 1.0, 1000, 1e-5", "0.1, 3.0, 100, 1e-6", "0.001, 8.0, 10000, 1e-5", "1.0, 0.5, 10, 1e-5"})
    void noiseMultiplierForAnEpsilonRoundTrips(double q, double epsilon, long steps, double delta) {
        double sigma = RdpAccountant.noiseMultiplier(q, epsilon, steps, delta);
        assertThat(RdpAccountant.epsilon(q, sigma, steps, delta).epsilon()).isLessThanOrEqualTo(epsilon)
                .isCloseTo(epsilon, within(1e-6 * epsilon));
        // and a little less noise would overspend
        assertThat(RdpAccountant.epsilon(q, sigma * (1 - 1e-6), steps, delta).epsilon()).isGreaterThan(epsilon);
    }

    @Test
    void zeroStepsSpendNothingEvenWithoutNoise() {
        RdpAccountant a = new RdpAccountant();
        a.step(0.1, 0, 0);
        assertThat(a.rdpVector()).containsOnly(0.0);
        assertThatThrownBy(() -> RdpAccountant.noiseMultiplier(0.1, 1, 0, 1e-5)).hasMessageContaining("steps must be >= 1");
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> RdpAccountant.epsilon(1.5, 1, 1, 1e-5)).hasMessageContaining("q must be in [0, 1]");
        assertThatThrownBy(() -> RdpAccountant.epsilon(0.1, -1, 1, 1e-5)).hasMessageContaining("noise multiplier");
        assertThatThrownBy(() -> RdpAccountant.epsilon(0.1, 1, 1, 1)).hasMessageContaining("delta must be in (0, 1)");
    }

    @Test
    void logErfcIsAccurateAcrossTheRange() {
        // reference values of erfc (Abramowitz & Stegun / high-precision tables)
        double[][] table = { // x, erfc(x) to 17 digits (mpmath at 30 digits)
            {0, 1}, {0.5, 0.4795001221869534}, {0.999, 0.15771472979350306}, {1.0, 0.1572992070502851},
            {2.0, 0.004677734981047266}, {3.0, 2.209049699858544e-05}, {6.0, 2.151973671249892e-17},
            {-1.0, 1.842700792949715}, {-3.0, 1.999977909503001}};
        for (double[] row : table) {
            // in log space, as the accountant uses it: 4e-15 absolute is 4e-15 relative on erfc itself
            assertThat(LogMath.logErfc(row[0])).as("log erfc(%s)", row[0]).isCloseTo(Math.log(row[1]), within(4e-15));
        }
        // far tail, where erfc underflows: log erfc(x) ~ -x^2 - log(x sqrt(pi)) + log(1 - 1/(2x^2) + 3/(4x^4) - ...)
        double x = 30;
        double x2 = x * x;
        double series = 1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2) + 105 / (16 * x2 * x2 * x2 * x2);
        double asymptotic = -x2 - Math.log(x * Math.sqrt(Math.PI)) + Math.log(series);
        assertThat(LogMath.logErfc(x)).isCloseTo(asymptotic, within(1e-12));
    }

    @Test
    void spentAfterLooksAheadExactlyAsSteppingWouldWithoutSteppingAndChangingParametersRecomputes() {
        RdpAccountant a = new RdpAccountant();
        a.step(0.1, 1.1, 3);
        RdpAccountant.Spent lookAhead = a.spentAfter(0.1, 1.1, 2, 1e-5);
        double before = a.spent(1e-5).epsilon();

        RdpAccountant b = new RdpAccountant();
        b.step(0.1, 1.1, 3);
        b.step(0.1, 1.1, 2);
        assertThat(lookAhead.epsilon()).isEqualTo(b.spent(1e-5).epsilon());
        assertThat(a.spent(1e-5).epsilon()).isEqualTo(before);
        assertThat(a.spentAfter(0.1, 1.1, 0, 1e-5).epsilon()).isEqualTo(before);

        // a remembered step must not leak into a step with another sigma
        a.step(0.1, 2.0, 1);
        RdpAccountant c = new RdpAccountant();
        c.step(0.1, 1.1, 3);
        c.step(0.1, 2.0, 1);
        assertThat(a.rdpVector()).containsExactly(c.rdpVector());
        double[] fresh = new double[RdpAccountant.DEFAULT_ORDERS.length];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = 3 * RdpAccountant.rdp(0.1, 1.1, RdpAccountant.DEFAULT_ORDERS[i])
                    + RdpAccountant.rdp(0.1, 2.0, RdpAccountant.DEFAULT_ORDERS[i]);
        }
        assertThat(a.rdpVector()).containsExactly(fresh);
    }
}
