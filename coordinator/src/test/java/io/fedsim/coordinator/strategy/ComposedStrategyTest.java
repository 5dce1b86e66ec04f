package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A robust aggregator under a server optimiser, by hand. Three clients; the trimmed mean with beta = 0.34
 * drops floor(0.34 * 3) = 1 value at each end, so per coordinate it is the middle value:
 * <pre>
 *   deltas [0.1, 0.9], [0.3, 5], [100, -1]  -> Delta = [0.3, 0.9]   (the weighted mean would be [33.47, 1.63])
 * </pre>
 * FedAdam with beta1 = 0.5, beta2 = 0, tau = 0.1, eta = 1 from m = 0, v = tau^2:
 * m = 0.5 Delta = [0.15, 0.45], v = Delta^2, step = m / (|Delta| + tau) = [0.15 / 0.4, 0.45 / 1.0] = [0.375, 0.45].
 */
class ComposedStrategyTest {
    private static final float[] GLOBAL = {1f, -1f};

    private static List<ClientResult> results() {
        return List.of(new ClientResult(0, new float[] {0.1f, 0.9f}, 10, 0.5),
                new ClientResult(1, new float[] {0.3f, 5f}, 10, 0.5),
                new ClientResult(2, new float[] {100f, -1f}, 10, 0.5));
    }

    @Test
    void fedAdamStepsAlongTheTrimmedMeanAndReportsItsMetric() {
        FedAdam composed = new FedAdam(1.0, 0.5, 0, 0.1, Aggregators.trimmedMean(0.34));

        RoundOutcome.Aggregated outcome = (RoundOutcome.Aggregated) composed.aggregate(1, GLOBAL, results(), List.of());

        assertThat(outcome.params()).containsExactly(new float[] {1.375f, -0.55f}, within(1e-6f));
        assertThat(outcome.metrics()).containsEntry("trimmed_per_side", 1.0);
        assertThat(composed.state().get("m")).containsExactly(new float[] {0.15f, 0.45f}, within(1e-6f));
        assertThat(composed.state().get("v")).containsExactly(new float[] {0.09f, 0.81f}, within(1e-6f));
    }

    @Test
    void fedAvgMCarriesMomentumOnTheMedian() {
        FedAvgM composed = new FedAvgM(1.0, 0.5, Aggregators.median());

        float[] w1 = ((RoundOutcome.Aggregated) composed.aggregate(1, GLOBAL, results(), List.of())).params();
        float[] w2 = ((RoundOutcome.Aggregated) composed.aggregate(2, w1, results(), List.of())).params();

        // v1 = median = [0.3, 0.9]; v2 = 0.5 v1 + median = [0.45, 1.35]
        assertThat(w1).containsExactly(new float[] {1.3f, -0.1f}, within(1e-6f));
        assertThat(w2).containsExactly(new float[] {1.75f, 1.25f}, within(1e-6f));
    }

    @Test
    void aRoundTooSmallForTheRuleIsSkippedWithTheRulesReasonAndTheMomentsStayAlone() {
        FedYogi composed = new FedYogi(0.1, 0.9, 0.99, 1e-3, Aggregators.krum(1));

        RoundOutcome outcome = composed.aggregate(1, GLOBAL, results(), List.of());

        assertThat(outcome).isInstanceOfSatisfying(RoundOutcome.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo("krum with f = 1 needs at least 5 updates, got 3"));
        assertThat(composed.state()).isEmpty();
    }

    @Test
    void theMeanAggregatorIsWhatTheOptimisersDidBefore() {
        FedAdam plain = new FedAdam(0.1, 0.9, 0.99, 1e-3);
        FedAdam mean = new FedAdam(0.1, 0.9, 0.99, 1e-3, Aggregators.named("mean", StrategyParameters.defaults()));

        assertThat(((RoundOutcome.Aggregated) mean.aggregate(1, GLOBAL, results(), List.of())).params())
                .containsExactly(((RoundOutcome.Aggregated) plain.aggregate(1, GLOBAL, results(), List.of())).params());
    }

    @Test
    void namedAggregatorsReadTheirParametersAndUnknownNamesAreRefused() {
        StrategyParameters p = StrategyParameters.defaults();
        for (String name : Aggregators.NAMES) {
            assertThat(Aggregators.named(name, p).name()).isEqualTo(name);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Aggregators.named("geomedian", p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("geomedian");
    }
}
