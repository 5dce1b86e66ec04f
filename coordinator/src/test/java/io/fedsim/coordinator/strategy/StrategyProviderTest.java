package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.client.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The built-in strategies as {@link ServiceLoader} finds them, and what their providers declare. */
class StrategyProviderTest {
    /** The scenario defaults in a federation of 20 clients (SCAFFOLD needs the population). */
    private static final StrategyParameters DEFAULTS = StrategyParameters.defaults().withPopulation(20);

    private static List<StrategyProvider> providers() {
        List<StrategyProvider> found = new ArrayList<>();
        ServiceLoader.load(StrategyProvider.class).forEach(found::add);
        return found;
    }

    @Test
    void serviceLoaderFindsExactlyTheFourteenBuiltIns() {
        assertThat(providers()).extracting(StrategyProvider::name).containsExactlyInAnyOrder("fedavg", "fedavgm",
                "fedadagrad", "fedadam", "fedyogi", "fedprox", "fednova", "qfedavg", "scaffold", "fedmedian", "trimmed-mean", "krum",
                "multi-krum", "bulyan");
    }

    @Test
    void everyProviderMakesTheStrategyOfItsNameAndDeclaresKnownKeys() {
        for (StrategyProvider p : providers()) {
            assertThat(p.create(DEFAULTS).name()).as(p.toString()).isEqualTo(p.name());
            assertThat(StrategyParameters.KEYS).as(p.name()).containsAll(p.parameters());
            assertThat(p.parameters()).as(p.name()).contains(StrategyParameters.SERVER_LEARNING_RATE);
            assertThat(p.description()).as(p.name()).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    void theMetricsARoundReportsAreExactlyTheDeclaredOnes() {
        Random random = new Random(11);
        List<ClientResult> results = new ArrayList<>();
        for (int k = 0; k < 9; k++) {   // enough for bulyan with f = 1 (4f + 3 = 7)
            float[] delta = new float[6];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = (float) random.nextGaussian();
            }
            // steps, F_k(w_t), delta_c: fednova, qfedavg, scaffold
            results.add(new ClientResult(k, delta, 10 + k, 0.5, 3 + k, 0.7 + k / 10.0, Optional.of(delta.clone())));
        }
        for (StrategyProvider p : providers()) {
            Strategy strategy = p.create(DEFAULTS);
            strategy.clientPlan(1, new TrainingPlan(1, 4, 0.1f));   // as the coordinator does before every round
            RoundOutcome outcome = strategy.aggregate(1, new float[6], results, List.of());
            assertThat(outcome).as(p.name()).isInstanceOf(RoundOutcome.Aggregated.class);
            assertThat(((RoundOutcome.Aggregated) outcome).metrics().keySet()).as(p.name())
                    .containsExactlyInAnyOrderElementsOf(p.metrics());
        }
    }

    @Test
    void theParametersReachTheStrategy() {
        StrategyProvider fedavg = providers().stream().filter(p -> p.name().equals("fedavg")).findFirst().orElseThrow();
        StrategyParameters half = new StrategyParameters(0.5, 0.9, 0.9, 0.99, 1e-3, 0.1, 1, 0.01);
        RoundOutcome outcome = fedavg.create(half).aggregate(1, new float[] {1},
                List.of(new ClientResult(0, new float[] {2}, 1, 0)), List.of());
        assertThat(((RoundOutcome.Aggregated) outcome).params()).containsExactly(2f);
    }

    @Test
    void theServerOptimisersComposeWithTheAggregatorAndReportItsMetrics() {
        List<ClientResult> results = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            results.add(new ClientResult(k, new float[] {k, -k}, 10, 0.5));
        }
        for (String name : List.of("fedavgm", "fedadagrad", "fedadam", "fedyogi")) {
            StrategyProvider p = providers().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
            assertThat(p.parameters()).as(name).contains(StrategyParameters.AGGREGATOR);
            RoundOutcome outcome = p.create(DEFAULTS.withAggregator("multi-krum")).aggregate(1, new float[2], results,
                    List.of());
            assertThat(((RoundOutcome.Aggregated) outcome).metrics()).as(name).containsEntry("selected_clients", 4.0);
        }
    }
}
