package io.fedsim.coordinator.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.privacy.RdpAccountant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrivacyAccountingTest {
    private static final double Q = 0.1;
    private static final double Z = 1.1;
    private static final double DELTA = 1e-5;

    @Test
    void epsilonAfterNRoundsIsTheAccountantsEpsilonForNSteps() {
        PrivacyAccounting p = new PrivacyAccounting(Q, Z, DELTA, OptionalDouble.empty());
        assertThat(p.epsilon()).isZero();
        double previous = 0;
        for (int n = 1; n <= 30; n++) {
            p.recordRound();
            double expected = RdpAccountant.epsilon(Q, Z, n, DELTA).epsilon();
            assertThat(p.epsilon()).as("after %d rounds", n).isCloseTo(expected, within(1e-12 * expected));
            assertThat(p.epsilon()).isGreaterThan(previous);
            previous = p.epsilon();
        }
    }

    @Test
    void epsilonAfterNextRoundPreviewsWithoutAccounting() {
        PrivacyAccounting p = new PrivacyAccounting(Q, Z, DELTA, OptionalDouble.empty());
        p.recordRound();
        p.recordRound();
        double two = p.epsilon();
        double three = RdpAccountant.epsilon(Q, Z, 3, DELTA).epsilon();

        assertThat(p.epsilonAfterNextRound()).isCloseTo(three, within(1e-12 * three));
        assertThat(p.epsilonAfterNextRound()).isCloseTo(three, within(1e-12 * three));
        assertThat(p.epsilon()).isEqualTo(two);
    }

    @Test
    void wouldExceedTargetFlipsExactlyBeforeTheFirstRoundAboveTheTarget() {
        double eps5 = RdpAccountant.epsilon(Q, Z, 5, DELTA).epsilon();
        double eps6 = RdpAccountant.epsilon(Q, Z, 6, DELTA).epsilon();
        assertThat(eps6).isGreaterThan(eps5);
        PrivacyAccounting p = new PrivacyAccounting(Q, Z, DELTA, OptionalDouble.of((eps5 + eps6) / 2));

        for (int n = 0; n < 5; n++) {
            assertThat(p.wouldExceedTarget()).as("after %d rounds", n).isFalse();
            p.recordRound();
        }
        assertThat(p.wouldExceedTarget()).as("after 5 rounds").isTrue();
        assertThat(p.epsilon()).isCloseTo(eps5, within(1e-12 * eps5));
    }

    @Test
    void aTargetBelowOneRoundIsExceededBeforeTheFirst() {
        double eps1 = RdpAccountant.epsilon(Q, Z, 1, DELTA).epsilon();
        assertThat(new PrivacyAccounting(Q, Z, DELTA, OptionalDouble.of(eps1 / 2)).wouldExceedTarget()).isTrue();
    }

    @Test
    void withoutATargetNothingIsEverExceeded() {
        PrivacyAccounting p = new PrivacyAccounting(1, 0.5, DELTA, OptionalDouble.empty());
        for (int n = 0; n < 20; n++) {
            p.recordRound();
        }
        assertThat(p.epsilon()).isGreaterThan(10);
        assertThat(p.wouldExceedTarget()).isFalse();
        assertThat(p.targetEpsilon()).isEmpty();
        assertThat(p.samplingRate()).isEqualTo(1.0);
        assertThat(p.noiseMultiplier()).isEqualTo(0.5);
        assertThat(p.delta()).isEqualTo(DELTA);
    }
}
