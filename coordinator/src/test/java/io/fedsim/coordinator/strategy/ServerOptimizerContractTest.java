package io.fedsim.coordinator.strategy;

import static io.fedsim.coordinator.strategy.TwoClients.round;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.coordinator.privacy.CentralDp;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the stateful server optimisers promise beyond {@link StrategyContract} (which each of them also runs):
 * the skip reasons of the shared guard, rounds without samples, and their state through {@link CentralDp}.
 */
class ServerOptimizerContractTest {
    private static final float[] D0 = {0.5f, -3f, 1f};
    private static final float[] D1 = {6f, 2f, -0.25f};
    private static final float[] E0 = {-0.1f, 0.7f, 0.9f};
    private static final float[] E1 = {1.3f, -2.1f, 0.01f};

    static Stream<Supplier<Strategy>> strategies() {
        return Stream.of(() -> new FedAvgM(0.7, 0.9), () -> new FedAdagrad(0.1, 0.9, 1e-3),
                () -> new FedAdam(0.1, 0.9, 0.99, 1e-3), () -> new FedYogi(0.1, 0.9, 0.99, 1e-3));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void roundsWithoutSamplesAreSkippedAndLeaveTheStateAlone(Supplier<Strategy> make) {
        Strategy strategy = make.get();
        assertThat(strategy.state()).as("state before the first round").isEmpty();
        float[] w1 = round(strategy, 1, new float[] {1, 2, 3}, D0, D1);
        Map<String, float[]> before = strategy.state();
        assertThat(before).as("state after a round").isNotEmpty();

        RoundOutcome empty = strategy.aggregate(2, w1, List.of(),
                List.of(new ClientFailure(4, ClientFailure.Kind.TIMED_OUT, "late")));
        RoundOutcome noSamples = strategy.aggregate(3, w1, List.of(new ClientResult(0, E0, 0, Double.NaN)), List.of());

        assertThat(((RoundOutcome.Skipped) empty).reason()).contains("no client reported").contains("1 failed");
        assertThat(noSamples).isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) noSamples).reason()).contains("no samples");
        assertSameState(strategy.state(), before);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void centralDpSavesAndRestoresTheWrappedState(Supplier<Strategy> make) {
        Strategy inner = make.get();
        Strategy wrapped = new CentralDp(inner, 1.0, 0.0, 2.0, 7L);
        round(wrapped, 1, new float[] {1, 2, 3}, D0, D1);
        assertSameState(wrapped.state(), inner.state());

        Strategy other = make.get();
        new CentralDp(other, 1.0, 0.0, 2.0, 7L).restore(inner.state());
        assertSameState(other.state(), inner.state());
    }

    private static void assertSameState(Map<String, float[]> actual, Map<String, float[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).containsExactly(values));
    }
}
