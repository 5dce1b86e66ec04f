package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fedsim privacy epsilon|sigma}: the published values, round trips, CSV tables and every bad input. */
class PrivacyCommandTest {
    @TempDir
    Path dir;

    /** The rows of shared/reference/rdp_examples.csv (a widely used open-source accountant, checked at 40 digits). */
    @ParameterizedTest
    @CsvSource({
        "0.001, 1.1, 1000, 1e-05, 0.5295493532921038, 16",
        "0.01, 1.0, 10000, 1e-05, 6.712738297403128, 4.1",
        "0.01, 1.1, 1000, 1e-05, 1.7117700912203435, 9.6",
        "0.01, 4.0, 10000, 1e-05, 1.0354900660362476, 17",
        "0.05, 1.0, 100, 1e-05, 4.038336159696808, 4.6",
        "0.1, 1.1, 100, 1e-05, 6.613704345072384, 3.6",
        "1.0, 1.0, 1, 1e-05, 4.728507067217623, 5.4",
        "1.0, 2.0, 100, 1e-05, 35.08175401905626, 1.9",
    })
    void epsilonMatchesThePublishedValues(String q, String sigma, String steps, String delta, double epsilon, double order) {
        Config j = json(ok(fedsim("privacy", "epsilon", "--q", q, "--sigma", sigma, "--steps", steps, "--delta", delta,
                "--json")));

        assertThat(j.getDouble("epsilon")).isCloseTo(epsilon, within(1e-9 * epsilon));
        assertThat(j.getDouble("best_order")).isEqualTo(order);
        assertThat(j.getDouble("q")).isEqualTo(Double.parseDouble(q));
        assertThat(j.getDouble("sigma")).isEqualTo(Double.parseDouble(sigma));
        assertThat(j.getLong("steps")).isEqualTo(Long.parseLong(steps));
        assertThat(j.getDouble("delta")).isEqualTo(Double.parseDouble(delta));
    }

    @Test
    void epsilonPrintsASentenceWithDeltaDefaulting() {
        String out = ok(fedsim("privacy", "epsilon", "--q", "0.01", "--sigma", "1.1", "--steps", "1000"));

        assertThat(out).isEqualTo("epsilon = 1.711770 (best order 9.6; q = 0.01, sigma = 1.1, 1000 steps, "
                + "delta = 1e-05)\n");
    }

    @Test
    void noNoiseMeansNoPrivacy() {
        String out = ok(fedsim("privacy", "epsilon", "--q", "0.01", "--sigma", "0", "--steps", "10"));

        assertThat(out).startsWith("epsilon = infinity (no noise");
    }

    @ParameterizedTest
    @CsvSource({"0.01, 1.0, 1000, 1e-05", "0.001, 2.0, 10000, 1e-06", "0.1, 8.0, 500, 1e-05", "1.0, 3.0, 1, 1e-03"})
    void sigmaThenEpsilonGivesBackTheTarget(double q, double target, long steps, double delta) {
        Config s = json(ok(fedsim("privacy", "sigma", "--q", q, "--epsilon", target, "--steps", steps, "--delta", delta,
                "--json")));
        double sigma = s.getDouble("noise_multiplier");
        assertThat(s.getDouble("epsilon")).isEqualTo(target);

        Config e = json(ok(fedsim("privacy", "epsilon", "--q", q, "--sigma", sigma, "--steps", steps, "--delta", delta,
                "--json")));

        assertThat(e.getDouble("epsilon")).isLessThanOrEqualTo(target).isCloseTo(target, within(1e-6 * target));
    }

    @Test
    void theSigmaSentenceRoundsTheMultiplierUpSoItStaysWithinBudget() {
        String out = ok(fedsim("privacy", "sigma", "--q", "0.01", "--epsilon", "1.7117700912203435", "--steps", "1000"));
        Matcher m = Pattern.compile("^noise multiplier = ([0-9.]+) \\(gives epsilon = ([0-9.]+) <= 1.7117700912203435 "
                + "at best order 9.6; q = 0.01, 1000 steps, delta = 1e-05\\)\n$").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(1.1, within(1e-5));

        Config e = json(ok(fedsim("privacy", "epsilon", "--q", "0.01", "--sigma", m.group(1), "--steps", "1000", "--json")));

        assertThat(e.getDouble("epsilon")).isLessThanOrEqualTo(1.7117700912203435);
    }

    @Test
    void csvTablesKeepExtraColumnsInAnyOrder() throws Exception {
        Path csv = Files.writeString(dir.resolve("settings.csv"), """
                # cohort settings for the lecture
                name,steps,delta,sigma,q
                "small, cautious",1000,1e-05,1.1,0.001
                mnist,10000,1e-05,1.0,0.01

                full batch,1,1e-05,1.0,1.0
                """);
        Path table = dir.resolve("table.csv");

        CliRuns.Result r = fedsim("privacy", "epsilon", "--csv", csv, "--out", table);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        List<String> lines = Files.readAllLines(table);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("# cohort settings for the lecture");
        assertThat(lines.get(1)).isEqualTo("name,steps,delta,sigma,q,epsilon,best_order");
        assertRow(lines.get(2), "\"small, cautious\",1000,1e-05,1.1,0.001,", 0.5295493532921038, "16");
        assertRow(lines.get(3), "mnist,10000,1e-05,1.0,0.01,", 6.712738297403128, "4.1");
        assertThat(lines.get(4)).isEmpty();
        assertRow(lines.get(5), "full batch,1,1e-05,1.0,1.0,", 4.728507067217623, "5.4");
    }

    @Test
    void csvTablesGoToStdoutWithoutOut() throws Exception {
        Path csv = Files.writeString(dir.resolve("s.csv"), "q,sigma,steps,delta\n0.01,1.1,1000,1e-05\n");

        String out = ok(fedsim("privacy", "epsilon", "--csv", csv));

        String[] lines = out.split("\n");
        assertThat(lines[0]).isEqualTo("q,sigma,steps,delta,epsilon,best_order");
        assertRow(lines[1], "0.01,1.1,1000,1e-05,", 1.7117700912203435, "9.6");
    }

    private static void assertRow(String line, String prefix, double epsilon, String order) {
        assertThat(line).startsWith(prefix).endsWith("," + order);
        String eps = line.substring(prefix.length(), line.length() - order.length() - 1);
        assertThat(Double.parseDouble(eps)).isCloseTo(epsilon, within(1e-9 * epsilon));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "epsilon --q 0 --sigma 1 --steps 10             | --q: must be in (0, 1], was 0 (",
        "epsilon --q 1.5 --sigma 1 --steps 10           | --q: must be in (0, 1], was 1.5 (",
        "epsilon --q 0.1 --sigma -1 --steps 10          | --sigma: must be a finite number >= 0, was -1 (",
        "epsilon --q 0.1 --sigma 1 --steps -1           | --steps: must be >= 0, was -1 (",
        "epsilon --q 0.1 --sigma 1 --steps 10 --delta 0 | --delta: must be in (0, 1), was 0 (",
        "epsilon --q 0.1 --sigma 1 --steps 10 --delta 1 | --delta: must be in (0, 1), was 1 (",
        "epsilon --q NaN --sigma 1 --steps 10           | --q: must be in (0, 1], was NaN (",
        "epsilon --sigma 1 --steps 10                   | --q: missing",
        "epsilon --q abc --sigma 1 --steps 10           | '--q': 'abc' is not a double",
        "epsilon --q 0.1 --sigma 1 --steps 1.5          | '--steps': '1.5' is not a long",
        "epsilon --q 0.1 --sigma 1 --steps 10 --out t   | --out t: only applies with --csv",
        "sigma --q 0.1 --epsilon 0 --steps 10           | --epsilon: must be a finite number > 0, was 0 (",
        "sigma --q 0.1 --epsilon -2 --steps 10          | --epsilon: must be a finite number > 0, was -2 (",
        "sigma --q 2 --epsilon 1 --steps 10             | --q: must be in (0, 1], was 2 (",
        "sigma --q 0.1 --epsilon 1 --steps 0            | --steps: must be >= 1, was 0 (",
        "sigma --q 0.1 --epsilon 1 --steps 10 --delta 2 | --delta: must be in (0, 1), was 2 (",
        "sigma --q 0.1 --epsilon 0.01 --steps 10        | --epsilon: 0.01 cannot be reached at delta = 1e-05",
        "sigma --q 0.1 --steps 10                       | Missing required option: '--epsilon=EPSILON'",
    })
    void badOptionsAreNamed(String args, String message) {
        String err = fails(fedsim((Object[]) ("privacy " + args.strip()).split(" ")));

        assertThat(err).contains(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "q,sigma,steps\\n0.1,1,10                  | line 1: the header has no column 'delta'; it needs q, sigma, steps, delta",
        "q,sigma,steps,delta\\n0.1,abc,10,1e-5     | line 2, column 'sigma': 'abc' is not a number",
        "q,sigma,steps,delta\\n0.1,1,10,\\n        | line 2, column 'delta': empty cell",
        "q,sigma,steps,delta\\n0.1,1,1e-5,10       | line 2, column 'steps': '1e-5' is not a whole number",
        "q,sigma,steps,delta\\n0.1,1,10,1e-5\\n3,1,10,1e-5 | line 3, column 'q': must be in (0, 1], was 3 (",
        "q,sigma,steps,delta\\n0.1,1,10           | line 2: has 3 cells, but the header has 4 columns",
        "q,sigma,steps,delta,epsilon\\n0.1,1,10,1e-5,2 | line 1: already has a column 'epsilon'",
        "# only a comment\\n                       | no header line",
    })
    void badCsvFilesAreNamedByLineColumnAndValue(String text, String message) throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), text.strip().replace("\\n", "\n") + "\n");
        Path table = dir.resolve("table.csv");

        String err = fails(fedsim("privacy", "epsilon", "--csv", csv, "--out", table));

        assertThat(err).contains(csv.toString()).contains(message);
        assertThat(table).as("no half-written table").doesNotExist();
    }

    @Test
    void aMissingCsvFileAndMixedOptionsAreNamed() {
        Path missing = dir.resolve("nope.csv");

        assertThat(fails(fedsim("privacy", "epsilon", "--csv", missing))).contains("--csv " + missing + ": no such file");
        assertThat(fails(fedsim("privacy", "epsilon", "--csv", missing, "--q", "0.1")))
                .contains("--q: cannot be combined with --csv");
    }

    @Test
    void helpDescribesTheCommands() {
        String top = ok(fedsim("--help"));
        String privacy = ok(fedsim("privacy", "--help"));
        String epsilon = ok(fedsim("privacy", "epsilon", "--help"));
        String sigma = ok(fedsim("privacy", "sigma", "--help"));

        assertThat(top).contains("privacy");
        assertThat(privacy).contains("Usage: fedsim privacy").contains("epsilon").contains("sigma");
        assertThat(epsilon).contains("--q=Q").contains("--sigma=SIGMA").contains("--steps=STEPS").contains("--delta=DELTA")
                .contains("--csv=FILE").contains("--out=FILE2").contains("--json");
        assertThat(sigma).contains("--epsilon=EPSILON").contains("--json");
        assertThat(fails(fedsim("privacy"))).contains("missing subcommand: epsilon").contains("or sigma");
    }

    private static String ok(CliRuns.Result r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }

    /** Exit 2 with one paragraph starting {@code fedsim: error:}, nothing on stdout, no stack trace. */
    private static String fails(CliRuns.Result r) {
        assertThat(r.exitCode()).as("exit code; stdout: %s; stderr: %s", r.out(), r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("fedsim: error: ").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("\n\n");
        assertThat(r.out()).isEmpty();
        return r.err();
    }
}
