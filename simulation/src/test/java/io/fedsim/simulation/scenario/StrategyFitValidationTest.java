package io.fedsim.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules between the strategy block and the rest, checked at load: {@code strategy.aggregator} only under
 * a server optimiser, no robust rule or robust aggregator under central DP, no client-state strategy under DP.
 */
class StrategyFitValidationTest {
    private static final StrategyTraits OPTIMISER = new StrategyTraits(true, false, false);
    private static final StrategyTraits ROBUST = new StrategyTraits(false, true, false);
    private static final StrategyTraits CLIENT_STATE = new StrategyTraits(false, false, true);
    private static final ScenarioLoader LOADER = new ScenarioLoader(Map.of("fedavg", StrategyTraits.AVERAGING,
            "fedadam", OPTIMISER, "fedavgm", OPTIMISER, "fedmedian", ROBUST, "scaffold", CLIENT_STATE));

    @TempDir
    Path dir;
    ScenarioFiles files;

    @BeforeEach
    void setUp() {
        files = new ScenarioFiles(dir);
    }

    @Test
    void aServerOptimiserTakesARobustAggregator() {
        Scenario s = load("strategy { name = fedadam, aggregator = trimmed-mean }");

        assertThat(s.strategy().aggregator()).isEqualTo("trimmed-mean");
        assertThat(s.render()).contains("aggregator=trimmed-mean");
    }

    @Test
    void theAggregatorDefaultsToTheMean() {
        assertThat(load("strategy.name = fedavg").strategy().aggregator()).isEqualTo("mean");
    }

    @Test
    void anUnknownAggregatorListsTheKnownOnes() {
        assertThat(error("strategy {\n  name = fedadam\n  aggregator = geomedian\n}")).isEqualTo(files.line(3)
                + "strategy.aggregator: expected one of mean | fedmedian | trimmed-mean | krum | multi-krum | bulyan, "
                + "was \"geomedian\"");
    }

    @Test
    void anAggregatorOnARobustRuleItselfIsRefused() {
        assertThat(error("strategy {\n  name = fedmedian\n  aggregator = krum\n}")).isEqualTo(files.line(3)
                + "strategy.aggregator: composes only with the server optimisers (fedadam, fedavgm), was krum with "
                + "strategy.name = fedmedian; strategy.name = fedmedian aggregates by its own rule");
    }

    @Test
    void anAggregatorOnScaffoldIsRefused() {
        assertThat(error("strategy { name = scaffold, aggregator = trimmed-mean }"))
                .contains("strategy.aggregator: composes only with the server optimisers")
                .contains("was trimmed-mean with strategy.name = scaffold");
    }

    @Test
    void fedAvgOverARobustRuleIsThatRule() {
        assertThat(error("strategy { name = fedavg, aggregator = fedmedian }"))
                .endsWith("fedavg over fedmedian is fedmedian itself: use strategy.name = fedmedian");
    }

    @Test
    void aRobustAggregatorUnderCentralDpIsRefusedLikeARobustRule() {
        String composed = error("strategy { name = fedadam, aggregator = krum }\nprivacy.mode = central");
        String rule = error("strategy.name = fedmedian\nprivacy.mode = central");

        assertThat(composed).startsWith(files.line(2) + "privacy.mode: strategy.aggregator = krum compares the "
                + "clients' individual updates, but privacy.mode = central hands the strategy one noised average");
        assertThat(rule).startsWith(files.line(2) + "privacy.mode: strategy.name = fedmedian compares the clients' "
                + "individual updates");
        assertThat(load("strategy { name = fedadam, aggregator = krum }\nprivacy.mode = local").strategy().aggregator())
                .as("under local DP each client noises its own update, which a robust rule can compare")
                .isEqualTo("krum");
    }

    @Test
    void scaffoldUnderEitherDpModeIsRefused() {
        for (String mode : List.of("local", "central")) {
            assertThat(error("strategy.name = scaffold\nprivacy.mode = " + mode)).isEqualTo(files.line(2)
                    + "privacy.mode: strategy.name = scaffold keeps state on the clients and sends each client's "
                    + "control-variate change beside its update; privacy.mode = " + mode + " would neither clip nor "
                    + "noise that vector, which reveals the client's raw update (and under central DP the server's "
                    + "control variate would steer the released models unprotected), so scaffold runs only with "
                    + "privacy.mode = none");
        }
        assertThat(load("strategy.name = scaffold").strategy().name()).isEqualTo("scaffold");
    }

    @Test
    void asyncRefusesAnAggregatorAndScaffold() {
        assertThat(error("mode = async\ndevices.enabled = true\nstrategy { name = fedadam, aggregator = krum }")).contains("mode: async (FedBuff) "
                + "averages its buffer by its own rule; strategy.aggregator = krum needs mode = sync");
        assertThat(error("mode = async\ndevices.enabled = true\nstrategy.name = scaffold")).contains("mode: async (FedBuff) runs its own "
                + "buffered averaging, without control variates; strategy.name = scaffold needs mode = sync");
    }

    private Scenario load(String text) {
        return LOADER.load(files.write("x.conf", text), List.of());
    }

    private String error(String text) {
        Path file = files.write("x.conf", text);
        String[] message = new String[1];
        assertThatThrownBy(() -> LOADER.load(file, List.of()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> message[0] = e.getMessage());
        return message[0];
    }
}
