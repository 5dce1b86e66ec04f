package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad privacy block ends in exit code 2 and a message naming the key, before anything runs. */
class PrivacyScenarioTest {
    @TempDir
    Path dir;
    CliRuns runs;
    Path out;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
        out = dir.resolve("out");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "privacy.noise-multiplier = -1 | privacy.noise-multiplier: must be >= 0, was -1",
            "privacy.clip-norm = 0         | privacy.clip-norm: must be > 0, was 0",
            "privacy.clip-norm = -2.5      | privacy.clip-norm: must be > 0, was -2.5",
            "privacy.delta = 0             | privacy.delta: must be in (0, 1), was 0",
            "privacy.delta = 1             | privacy.delta: must be in (0, 1), was 1",
            "privacy.target-epsilon = 0    | privacy.target-epsilon: must be > 0, was 0",
            "privacy.target-epsilon = -3   | privacy.target-epsilon: must be > 0, was -3",
    })
    void anOutOfRangeValueIsNamed(String setting, String message) {
        String err = runFails(CliRuns.TINY + "privacy.mode = central\n" + setting + "\n");

        assertThat(err).contains(message);
    }

    @Test
    void calibrateWithoutATargetIsNamed() {
        String err = runFails(CliRuns.TINY + "privacy { mode = central, calibrate = true }\n");

        assertThat(err).contains("privacy.calibrate").contains("needs privacy.target-epsilon");
    }

    @Test
    void anUnknownModeIsNamedWithTheKnownOnes() {
        String err = runFails(CliRuns.TINY + "privacy.mode = shuffled\n");

        assertThat(err).contains("privacy.mode").contains("shuffled").contains("local").contains("central").contains("none");
    }

    @Test
    void anUnknownSamplingIsNamed() {
        String err = runFails(CliRuns.TINY + "privacy { mode = central, sampling = stratified }\n");

        assertThat(err).contains("privacy.sampling").contains("stratified").contains("poisson");
    }

    @Test
    void aRobustRuleUnderCentralDpIsRefused() {
        String err = runFails(CliRuns.TINY + "strategy.name = krum\nprivacy.mode = central\n");

        assertThat(err).contains("strategy.name = krum compares the clients' individual updates")
                .contains("privacy.mode = local");
    }

    @Test
    void scaffoldUnderLocalDpIsRefusedBeforeTheRun() {
        String err = runFails(CliRuns.TINY + "strategy.name = scaffold\nprivacy.mode = local\n");

        assertThat(err).contains("tiny.conf:").contains("privacy.mode: strategy.name = scaffold keeps state on the clients")
                .contains("runs only with privacy.mode = none");
        assertThat(out).doesNotExist();
    }

    @Test
    void aRobustAggregatorUnderCentralDpIsRefused() {
        String err = runFails(CliRuns.TINY + "strategy { name = fedyogi, aggregator = bulyan }\nprivacy.mode = central\n");

        assertThat(err).contains("strategy.aggregator = bulyan compares the clients' individual updates");
    }

    @Test
    void aMistypedPrivacyKeyIsNamed() {
        String err = runFails(CliRuns.TINY + "privacy.noise_multiplier = 1\n");

        assertThat(err).contains("privacy.noise_multiplier").contains("privacy.noise-multiplier");
    }

    @Test
    void aBadValueOnTheCommandLineIsNamedToo() {
        Path file = runs.write("tiny.conf", CliRuns.TINY);

        String err = fails(fedsim("run", file, "--out", out, "--set", "privacy.delta=1.5"));

        assertThat(err).contains("privacy.delta: must be in (0, 1), was 1.5");
    }

    private String runFails(String scenario) {
        Path file = runs.write("tiny.conf", scenario);
        return fails(fedsim("run", file, "--out", out));
    }

    private String fails(CliRuns.Result r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("fedsim: error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out).as("results folder of a failed run").doesNotExist();
        return r.err();
    }
}
