package io.fedsim.coordinator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.rng.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClientTimingTest {
    /** Powers of two throughout, so every figure below is exact in binary floating point. */
    static final ClientProfile DEVICE = new ClientProfile(64, 512, 1024, 0.5, 1);

    @Test
    void aRoundIsLatencyPlusDownloadPlusWorkPlusUpload() {
        // 0.5 latency + 512 B / 1024 B/s + 4 epochs * 32 samples / 64 samples/s + 512 B / 512 B/s
        assertThat(ClientTiming.seconds(DEVICE, 512, 512, 4 * 32)).isEqualTo(0.5 + 0.5 + 2.0 + 1.0);
        assertThat(ClientTiming.seconds(DEVICE, 512, 512, 0)).isEqualTo(2.0);
    }

    @Test
    void aDenseUpdateIsFourBytesAParameterAndAHeader() {
        assertThat(ClientTiming.denseBytes(7850)).isEqualTo(31_400 + ClientTiming.HEADER_BYTES);
    }

    @Test
    void onlyWholeEpochsThatFinishByTheDeadlineCount() {
        // transfers and latency take 2.0 s, an epoch of 32 samples 0.5 s
        assertThat(ClientTiming.epochsWithin(DEVICE, 512, 512, 32, 4, 4.0)).isEqualTo(4);
        assertThat(ClientTiming.epochsWithin(DEVICE, 512, 512, 32, 4, 100)).isEqualTo(4);
        assertThat(ClientTiming.epochsWithin(DEVICE, 512, 512, 32, 4, 3.0)).isEqualTo(2);
        assertThat(ClientTiming.epochsWithin(DEVICE, 512, 512, 32, 4, 2.99)).isEqualTo(1);
        assertThat(ClientTiming.epochsWithin(DEVICE, 512, 512, 32, 4, 2.49)).isEqualTo(0);
        assertThat(ClientTiming.epochsWithin(DEVICE, 512, 512, 32, 4, 1.0)).isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theEpochCountIsTheLargestThatMeetsTheDeadline(long seed) {
        Rng rng = new Rng(seed);
        for (int i = 0; i < 500; i++) {
            ClientProfile p = new ClientProfile(rng.nextUniform(1, 1000), rng.nextUniform(1e3, 1e6),
                    rng.nextUniform(1e3, 1e7), rng.nextUniform(0, 1), 1);
            int n = 1 + rng.nextInt(500);
            double deadline = rng.nextUniform(0, 30);
            int e = ClientTiming.epochsWithin(p, 40_000, 40_000, n, 20, deadline);
            assertThat(e).isBetween(0, 20);
            if (e > 0) {
                assertThat(ClientTiming.seconds(p, 40_000, 40_000, (long) e * n)).isLessThanOrEqualTo(deadline);
            }
            if (e < 20) {
                assertThat(ClientTiming.seconds(p, 40_000, 40_000, (long) (e + 1) * n)).isGreaterThan(deadline);
            }
        }
    }

    @Test
    void profilesAreDrawnOncePerClientFromTheSeed() {
        Distribution speed = new Distribution.LogNormal(100, 1);
        List<ClientProfile> a = DeviceProfiles.draw(5, 50, speed, new Distribution.Uniform(1e5, 2e5),
                new Distribution.Fixed(1e7), new Distribution.Fixed(0.1));
        List<ClientProfile> b = DeviceProfiles.draw(5, 80, speed, new Distribution.Uniform(1e5, 2e5),
                new Distribution.Fixed(1e7), new Distribution.Fixed(0.1));
        List<ClientProfile> other = DeviceProfiles.draw(6, 50, speed, new Distribution.Uniform(1e5, 2e5),
                new Distribution.Fixed(1e7), new Distribution.Fixed(0.1));
        assertThat(b.subList(0, 50)).isEqualTo(a); // a client's profile does not depend on the population
        assertThat(other).isNotEqualTo(a);
        assertThat(a).allSatisfy(p -> {
            assertThat(p.upBandwidth()).isBetween(1e5, 2e5);
            assertThat(p.downBandwidth()).isEqualTo(1e7);
            assertThat(p.latency()).isEqualTo(0.1);
            assertThat(p.availability()).isEqualTo(1);
        });
    }

    @Test
    void lognormalSpeedsHaveTheirMedianAndSpread() {
        List<ClientProfile> profiles = DeviceProfiles.draw(11, 20_000, new Distribution.LogNormal(100, 0.5),
                new Distribution.Fixed(1), new Distribution.Fixed(1), new Distribution.Fixed(0));
        double[] logs = profiles.stream().mapToDouble(p -> Math.log(p.speed())).sorted().toArray();
        double mean = Arrays.stream(logs).average().orElseThrow();
        double var = Arrays.stream(logs).map(v -> (v - mean) * (v - mean)).sum() / (logs.length - 1);
        // standard errors: 0.5 / sqrt(20000) = 0.0035 for the mean, 0.25 * sqrt(2 / 20000) = 0.0025 for the variance
        assertThat(mean).isCloseTo(Math.log(100), within(0.015));
        assertThat(var).isCloseTo(0.25, within(0.01));
    }
}
