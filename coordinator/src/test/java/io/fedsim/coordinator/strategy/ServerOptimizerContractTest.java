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

/** What every stateful server optimiser promises: state round trips, skipped rounds, untouched inputs. */
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
    void aRestoredCopyContinuesExactlyLikeTheOriginal(Supplier<Strategy> make) {
        Strategy original = make.get();
        assertThat(original.state()).isEmpty();
        float[] w1 = round(original, 1, new float[] {1, 2, 3}, D0, D1);
        Map<String, float[]> saved = original.state();
        assertThat(saved).isNotEmpty();

        Strategy resumed = make.get();
        resumed.restore(saved);
        saved.values().forEach(a -> a[0] = 1e6f); // the strategies keep their own copies
        original.state().values().forEach(a -> a[1] = -1e6f);

        float[] w2 = round(original, 2, w1, E0, E1);
        float[] w2Resumed = round(resumed, 2, w1, E0, E1);
        assertThat(w2Resumed).containsExactly(w2);
        assertSameState(resumed.state(), original.state());
        float[] w3 = round(original, 3, w2, D1, E0);
        assertThat(round(resumed, 3, w2, D1, E0)).containsExactly(w3);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void restoringAnEmptyStateStartsAfresh(Supplier<Strategy> make) {
        Strategy used = make.get();
        round(used, 1, new float[] {1, 2, 3}, E0, E1);
        used.restore(Map.of());
        assertThat(used.state()).isEmpty();
        assertThat(round(used, 1, new float[] {1, 2, 3}, D0, D1))
                .containsExactly(round(make.get(), 1, new float[] {1, 2, 3}, D0, D1));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void emptyAndSampleFreeRoundsAreSkippedAndLeaveTheStateAlone(Supplier<Strategy> make) {
        Strategy strategy = make.get();
        float[] w1 = round(strategy, 1, new float[] {1, 2, 3}, D0, D1);
        Map<String, float[]> before = strategy.state();

        RoundOutcome empty = strategy.aggregate(2, w1, List.of(),
                List.of(new ClientFailure(4, ClientFailure.Kind.TIMED_OUT, "late")));
        RoundOutcome noSamples = strategy.aggregate(3, w1, List.of(new ClientResult(0, E0, 0, Double.NaN)), List.of());

        assertThat(empty).isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) empty).reason()).contains("no client reported").contains("1 failed");
        assertThat(noSamples).isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) noSamples).reason()).contains("no samples");
        assertSameState(strategy.state(), before);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void neitherTheGlobalModelNorTheDeltasAreModified(Supplier<Strategy> make) {
        Strategy strategy = make.get();
        float[] global = {1, 2, 3};
        float[] d0 = D0.clone();
        float[] d1 = D1.clone();

        float[] w1 = round(strategy, 1, global, d0, d1);
        round(strategy, 2, w1, d0, d1);

        assertThat(global).containsExactly(1, 2, 3);
        assertThat(d0).containsExactly(D0);
        assertThat(d1).containsExactly(D1);
        assertThat(w1).isNotSameAs(global);
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
