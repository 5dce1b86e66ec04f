package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.json;
import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import io.fedsim.coordinator.UpdateIntake;
import io.fedsim.core.privacy.RdpAccountant;
import io.fedsim.simulation.output.MetricsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Central-DP runs end to end: the extra columns, the summary's privacy figures, reproducibility, the budget. */
class DpRunTest {
    /** TINY has ten clients, five per round: q = 0.5. */
    private static final double Q = 0.5;
    private static final double DELTA = 1e-5;
    private static final String DP = CliRuns.TINY + """
            privacy { mode = central, clip-norm = 0.5, noise-multiplier = 1.2, delta = 1e-5 }
            """;

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void writesThePrivacyColumnsAfterTheStandardOnesAndThePrivacySummary() throws IOException {
        Path out = dir.resolve("out");
        runs.runOk("dp", DP, out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        List<String> expectedHeader = new ArrayList<>(MetricsWriter.COLUMNS);
        expectedHeader.addAll(UpdateIntake.METRICS);
        expectedHeader.addAll(List.of("epsilon", "clip_norm", "clipped_fraction"));
        assertThat(csv.get(0).split(",", -1)).containsExactlyElementsOf(expectedHeader);
        assertThat(csv).hasSize(1 + 5);
        int eps = expectedHeader.indexOf("epsilon");
        for (int round = 1; round <= 5; round++) {
            String[] cells = csv.get(round).split(",", -1);
            assertThat(cells).hasSameSizeAs(expectedHeader.toArray());
            double expected = RdpAccountant.epsilon(Q, 1.2, round, DELTA).epsilon();
            assertThat(Double.parseDouble(cells[eps])).as("round %d", round).isCloseTo(expected, within(1e-12 * expected));
            assertThat(Double.parseDouble(cells[eps + 1])).isEqualTo(0.5);
            if (!cells[eps + 2].isEmpty()) {
                assertThat(Double.parseDouble(cells[eps + 2])).isBetween(0.0, 1.0);
            }
        }

        Config summary = json(Files.readString(out.resolve("summary.json")));
        double expected = RdpAccountant.epsilon(Q, 1.2, 5, DELTA).epsilon();
        assertThat(summary.getDouble("epsilon")).isCloseTo(expected, within(1e-12 * expected));
        assertThat(summary.getDouble("delta")).isEqualTo(DELTA);
        assertThat(summary.getDouble("noise_multiplier")).isEqualTo(1.2);
        assertThat(summary.getDouble("sampling_rate")).isEqualTo(Q);
        assertThat(summary.getString("accountant")).contains("RDP");
        assertThat(summary.getString("sampling")).isEqualTo("poisson");
        assertThat(summary.getString("stop_reason")).isEqualTo("completed 5 rounds");
    }

    @Test
    void aRunWithoutPrivacyHasNeitherTheColumnsNorTheFigures() throws IOException {
        Path out = dir.resolve("plain");
        runs.runOk("plain", CliRuns.TINY, out);

        assertThat(lines(out.resolve("metrics.csv")).get(0)).isEqualTo(String.join(",", MetricsWriter.COLUMNS) + ","
                + String.join(",", UpdateIntake.METRICS));
        assertThat(json(Files.readString(out.resolve("summary.json"))).hasPath("epsilon")).isFalse();
    }

    @Test
    void fixedSamplingIsSaidToBeAccountedAsPoisson() throws IOException {
        Path out = dir.resolve("fixed");
        runs.runOk("fixed", DP, out, "--set", "privacy.sampling=fixed");

        Config summary = json(Files.readString(out.resolve("summary.json")));
        assertThat(summary.getString("sampling")).startsWith("fixed").contains("Poisson");
        assertThat(lines(out.resolve("metrics.csv")).subList(1, 6))
                .allSatisfy(line -> assertThat(line.split(",")[1]).isEqualTo("5"));
    }

    @Test
    void theSameSeedTwiceGivesIdenticalResultsWhateverTheThreadCount() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path other = dir.resolve("other");
        runs.runOk("dp", DP, a, "--set", "runtime.training-threads=1");
        runs.runOk("dp", DP, b, "--set", "runtime.training-threads=2");
        runs.runOk("dp", DP, other, "--seed", "4");

        assertThat(withoutWallTime(a)).isEqualTo(withoutWallTime(b));
        assertThat(Files.readAllBytes(a.resolve("model-final.bin"))).isEqualTo(Files.readAllBytes(b.resolve("model-final.bin")));
        assertThat(Files.readAllBytes(other.resolve("model-final.bin")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("model-final.bin")));
    }

    @Test
    void calibrationSpendsExactlyTheTargetOverAllRounds() throws IOException {
        Path out = dir.resolve("calibrated");
        runs.runOk("calibrated", CliRuns.TINY + "privacy { mode = central, target-epsilon = 3.0, calibrate = true }\n", out);

        Config summary = json(Files.readString(out.resolve("summary.json")));
        assertThat(summary.getInt("rounds")).isEqualTo(5);
        assertThat(summary.getDouble("epsilon")).isLessThanOrEqualTo(3.0).isCloseTo(3.0, within(3.0 * 1e-6));
        double z = summary.getDouble("noise_multiplier");
        assertThat(z).isEqualTo(RdpAccountant.noiseMultiplier(Q, 3.0, 5, DELTA));
        assertThat(summary.getString("stop_reason")).isEqualTo("completed 5 rounds");
    }

    @Test
    void aTargetEpsilonStopsTheRunEarlyAndSaysWhy() throws IOException {
        double eps2 = RdpAccountant.epsilon(Q, 1.2, 2, DELTA).epsilon();
        double eps3 = RdpAccountant.epsilon(Q, 1.2, 3, DELTA).epsilon();
        Path out = dir.resolve("budget");
        runs.runOk("budget", DP + "privacy.target-epsilon = " + (eps2 + eps3) / 2 + "\n", out);

        Config summary = json(Files.readString(out.resolve("summary.json")));
        assertThat(summary.getInt("rounds")).isEqualTo(2);
        assertThat(summary.getString("stop_reason")).startsWith("privacy budget: round 3 would spend");
        assertThat(summary.getDouble("epsilon")).isCloseTo(eps2, within(1e-12 * eps2));
        assertThat(lines(out.resolve("metrics.csv"))).hasSize(1 + 2);
    }

    @Test
    void aTargetBelowOneRoundRunsNoRoundAndStillWritesItsResults() throws IOException {
        double eps1 = RdpAccountant.epsilon(Q, 1.2, 1, DELTA).epsilon();
        Path out = dir.resolve("nothing");
        runs.runOk("nothing", DP + "privacy.target-epsilon = " + eps1 / 2 + "\n", out);

        Config summary = json(Files.readString(out.resolve("summary.json")));
        assertThat(summary.getInt("rounds")).isZero();
        assertThat(summary.getString("stop_reason")).startsWith("privacy budget: round 1 would spend");
        assertThat(summary.getDouble("epsilon")).isZero();
        assertThat(lines(out.resolve("metrics.csv"))).hasSize(1);
        assertThat(out.resolve("model-final.bin")).exists();
    }

    /** metrics.csv with the wall-time columns removed. */
    private static List<String> withoutWallTime(Path out) {
        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv).hasSize(1 + 5);
        List<String> header = List.of(csv.get(0).split(",", -1));
        List<String> result = new ArrayList<>();
        for (String line : csv) {
            String[] cells = line.split(",", -1);
            List<String> kept = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) {
                if (!MetricsWriter.WALL_TIME_COLUMNS.contains(header.get(c))) {
                    kept.add(cells[c]);
                }
            }
            result.add(String.join(",", kept));
        }
        return result;
    }
}
