package io.fedsim.coordinator.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.privacy.RdpAccountant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LocalDpAccountingTest {

    @Test
    void epsilonIsThatOfTheClientThatTookPartMostOften() {
        PrivacyAccounting a = PrivacyAccounting.local(5, 2.0, 1e-5, OptionalDouble.empty());
        a.recordRound(new int[] {0, 1});
        a.recordRound(new int[] {1, 2});
        a.recordRound(new int[] {3});
        // client 1 took part twice: a Gaussian mechanism with z = 2, twice, no amplification by sampling
        assertThat(a.isLocal()).isTrue();
        assertThat(a.epsilon()).isEqualTo(RdpAccountant.epsilon(1, 2.0, 2, 1e-5).epsilon());
        assertThat(a.epsilonAfterNextRound()).isEqualTo(RdpAccountant.epsilon(1, 2.0, 3, 1e-5).epsilon());
    }

    @Test
    void targetStopsBeforeAnyClientCouldOverspend() {
        double afterTwo = RdpAccountant.epsilon(1, 2.0, 2, 1e-5).epsilon();
        PrivacyAccounting a = PrivacyAccounting.local(3, 2.0, 1e-5, OptionalDouble.of(afterTwo));
        assertThat(a.wouldExceedTarget()).isFalse();
        a.recordRound(new int[] {0});
        assertThat(a.wouldExceedTarget()).isFalse();
        a.recordRound(new int[] {0, 1});
        assertThat(a.wouldExceedTarget()).isTrue();
    }
}
