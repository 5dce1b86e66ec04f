package io.fedsim.coordinator.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.strategy.RoundOutcome;
import io.fedsim.coordinator.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CentralDpTest {
    private static final long SEED = 99;

    @Test
    void withoutNoiseTheResultIsGlobalPlusTheClippedSumOverTheExpectedCohort() {
        // |d1| = 5 is clipped to 1: [0, -1, 0, 0]; |d2| = 0.5 stays; ([0.5, -1, 0, 0]) / 4 is exact in float
        float[] global = {1, 2, 3, 4};
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {0, -5, 0, 0}, 10, 0.4),
                new ClientResult(1, new float[] {0.5f, 0, 0, 0}, 30, 0.8));

        RoundOutcome.Aggregated out = aggregated(new CentralDp(new FedAvg(), 1, 0, 4, SEED)
                .aggregate(1, global, results, List.of()));

        assertThat(out.params()).containsExactly(1.125f, 1.75f, 3f, 4f);
        assertThat(out.metrics()).containsEntry("clip_norm", 1.0).containsEntry("clipped_fraction", 0.5);
    }

    @Test
    void sampleCountsDoNotWeighTheClippedSum() {
        // |[3, 4]| = 5 -> [0.6, 0.8]; |[0.3, 0.4]| = 0.5 stays: ([0.9, 1.2]) / 4 = [0.225, 0.3], whatever n_k
        float[] global = {10, -10};
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {3, 4}, 1, 0.0),
                new ClientResult(1, new float[] {0.3f, 0.4f}, 1000, 0.0));

        float[] params = aggregated(new CentralDp(new FedAvg(), 1, 0, 4, SEED)
                .aggregate(1, global, results, List.of())).params();

        assertThat(params[0]).isCloseTo(10.225f, within(2e-6f));
        assertThat(params[1]).isCloseTo(-9.7f, within(2e-6f));
    }

    @Test
    void theInnerStrategySeesOneAggregateWithTheMeanLossAndTheFailures() {
        Recording inner = new Recording();
        List<ClientFailure> failures = List.of(new ClientFailure(7, ClientFailure.Kind.TIMED_OUT, "late"));
        List<ClientResult> results = List.of(new ClientResult(2, new float[] {2, 0}, 5, 0.2),
                new ClientResult(4, new float[] {0, 0.5f}, 9, 0.6));

        RoundOutcome.Aggregated out = aggregated(new CentralDp(inner, 1, 0, 2, SEED).aggregate(3, new float[2], results, failures));

        assertThat(inner.seen).hasSize(1);
        ClientResult aggregate = inner.seen.get(0);
        assertThat(aggregate.clientId()).isEqualTo(CentralDp.AGGREGATE_ID);
        assertThat(aggregate.numSamples()).isEqualTo(1);
        assertThat(aggregate.trainLoss()).isCloseTo(0.4, within(1e-15));
        assertThat(aggregate.delta()).containsExactly(0.5f, 0.25f);
        assertThat(inner.failures).isEqualTo(failures);
        assertThat(out.metrics()).containsOnlyKeys("clip_norm", "clipped_fraction", "inner_metric")
                .containsEntry("inner_metric", 42.0).containsEntry("clipped_fraction", 0.5);
        assertThat(new CentralDp(inner, 1, 0, 2, SEED).name()).isEqualTo("recording");
    }

    @Test
    void anInnerSkipIsPassedOn() {
        Strategy skipping = new Strategy() {
            public String name() {
                return "skipping";
            }

            public RoundOutcome aggregate(int round, float[] global, List<ClientResult> r, List<ClientFailure> f) {
                return new RoundOutcome.Skipped("inner said no");
            }
        };
        assertThat(new CentralDp(skipping, 1, 1, 2, SEED).aggregate(1, new float[3], List.of(), List.of()))
                .isEqualTo(new RoundOutcome.Skipped("inner said no"));
    }

    @Test
    void theNoisePerCoordinateHasStdZTimesSOverTheExpectedCohort() {
        double z = 1.5;
        double clip = 2;
        double expectedCohort = 4;
        double std = z * clip / expectedCohort; // 0.75
        int dim = 1000;
        int rounds = 200;
        CentralDp dp = new CentralDp(new FedAvg(), clip, z, expectedCohort, SEED);
        float[] global = new float[dim];
        float[] delta = new float[dim];
        delta[0] = 1; // inside the ball: contributes exactly 1 / 4 to coordinate 0
        double sum = 0;
        double sumSq = 0;
        for (int round = 1; round <= rounds; round++) {
            float[] params = aggregated(dp.aggregate(round, global,
                    List.of(new ClientResult(0, delta, 3, 0.1)), List.of())).params();
            for (int i = 0; i < dim; i++) {
                double noise = params[i] - (i == 0 ? 0.25 : 0);
                sum += noise;
                sumSq += noise * noise;
            }
        }
        int n = dim * rounds;
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertThat(mean).isCloseTo(0, within(5 * std / Math.sqrt(n)));
        assertThat(variance).isCloseTo(std * std, within(5 * std * std * Math.sqrt(2.0 / n)));
    }

    @Test
    void theSameRoundAndSeedGiveIdenticalOutputAndOtherRoundsOrSeedsOtherNoise() {
        float[] global = {0.5f, -0.5f, 1, 2, 3};
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {1, 2, 3, 4, 5}, 4, 0.3));

        float[] a = aggregated(new CentralDp(new FedAvg(), 1, 1.1, 3, SEED).aggregate(5, global, results, List.of())).params();
        float[] b = aggregated(new CentralDp(new FedAvg(), 1, 1.1, 3, SEED).aggregate(5, global, results, List.of())).params();
        float[] otherRound = aggregated(new CentralDp(new FedAvg(), 1, 1.1, 3, SEED).aggregate(6, global, results, List.of())).params();
        float[] otherSeed = aggregated(new CentralDp(new FedAvg(), 1, 1.1, 3, SEED + 1).aggregate(5, global, results, List.of())).params();

        assertThat(b).containsExactly(a);
        assertThat(otherRound).isNotEqualTo(a);
        assertThat(otherSeed).isNotEqualTo(a);
    }

    @Test
    void aRoundWithoutResultsStillReleasesPureNoise() {
        float[] global = {1, 1, 1, 1, 1, 1, 1, 1};
        RoundOutcome outcome = new CentralDp(new FedAvg(), 1, 1, 5, SEED).aggregate(2, global, List.of(),
                List.of(new ClientFailure(0, ClientFailure.Kind.FAILED, "boom")));

        RoundOutcome.Aggregated out = aggregated(outcome);
        assertThat(out.params()).hasSize(8).doesNotContain(1f);
        assertThat(out.metrics().get("clipped_fraction")).isNaN();
        assertThat(out.metrics()).containsEntry("clip_norm", 1.0);

        RoundOutcome silent = new CentralDp(new FedAvg(), 1, 0, 5, SEED).aggregate(2, global, List.of(), List.of());
        assertThat(aggregated(silent).params()).containsExactly(global);
    }

    @Test
    void neitherTheGlobalModelNorTheDeltasAreMutated() {
        float[] global = {1, 2, 3};
        float[] d1 = {30, 40, 0};
        float[] d2 = {0.1f, 0.2f, 0.3f};
        CentralDp dp = new CentralDp(new FedAvg(), 1, 2, 2, SEED);

        float[] params = aggregated(dp.aggregate(1, global, List.of(new ClientResult(0, d1, 1, 0),
                new ClientResult(1, d2, 1, 0)), List.of())).params();

        assertThat(global).containsExactly(1f, 2f, 3f);
        assertThat(d1).containsExactly(30f, 40f, 0f);
        assertThat(d2).containsExactly(0.1f, 0.2f, 0.3f);
        assertThat(params).isNotSameAs(global);
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> new CentralDp(new FedAvg(), 0, 1, 4, SEED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CentralDp(new FedAvg(), 1, -1, 4, SEED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CentralDp(new FedAvg(), 1, Double.NaN, 4, SEED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CentralDp(new FedAvg(), 1, 1, 0, SEED)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RoundOutcome.Aggregated aggregated(RoundOutcome outcome) {
        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        return (RoundOutcome.Aggregated) outcome;
    }

    /** Records what it is given and applies the single delta. */
    private static final class Recording implements Strategy {
        final List<ClientResult> seen = new ArrayList<>();
        List<ClientFailure> failures;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
            seen.addAll(results);
            this.failures = failures;
            return new RoundOutcome.Aggregated(global.clone(), Map.of("inner_metric", 42.0));
        }
    }
}
