package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.json;
import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fedsim sweep}: every combination validated before any run, then the runs, the table and the chart. */
class SweepCommandTest {
    /** The tiny scenario, private, for three rounds. */
    private static final String TINY_DP = CliRuns.TINY.replace("rounds = 5", "rounds = 3")
            + "privacy { mode = central, clip-norm = 1.0, noise-multiplier = 1.0 }\n";

    @TempDir
    Path dir;
    Path scenario;
    Path out;

    @BeforeEach
    void setUp() {
        scenario = new CliRuns(dir).write("tiny.conf", TINY_DP);
        out = dir.resolve("sweep");
    }

    @Test
    void aTwoByTwoSweepWritesARowPerRunAndAChart() throws Exception {
        CliRuns.Result r = fedsim("sweep", scenario, "--vary", "privacy.noise-multiplier=0,1",
                "--vary", "clients.learning-rate=0.05,0.1", "--out", out, "--parallel", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("results: " + out);
        List<String> csv = lines(out.resolve("sweep.csv"));
        assertThat(csv).hasSize(1 + 4);
        assertThat(csv.get(0)).isEqualTo("privacy.noise-multiplier,clients.learning-rate,final_test_accuracy,"
                + "best_test_accuracy,epsilon,rounds,wall_seconds,run_dir");
        assertThat(csv.get(1)).startsWith("0,0.05,").contains(",inf,3,")
                .endsWith(",\"runs/1-privacy.noise-multiplier=0,clients.learning-rate=0.05\"");
        assertThat(csv.get(4)).startsWith("1,0.1,").contains(",3,");
        String epsilon = csv.get(4).split(",")[4];
        assertThat(Double.parseDouble(epsilon)).isPositive().isFinite();

        List<String> jsonl = lines(out.resolve("sweep.jsonl"));
        assertThat(jsonl).hasSize(4);
        assertThat(json(jsonl.get(0)).getString("epsilon")).isEqualTo("Infinity");
        assertThat(json(jsonl.get(3)).getDouble("epsilon")).isEqualTo(Double.parseDouble(epsilon));
        assertThat(json(jsonl.get(3)).getString("run_dir"))
                .isEqualTo("runs/4-privacy.noise-multiplier=1,clients.learning-rate=0.1");

        for (String line : jsonl) {
            Path run = out.resolve(json(line).getString("run_dir"));
            assertThat(run.resolve("summary.json")).exists();
            assertThat(run.resolve("metrics.csv")).exists();
        }
        String resolved = Files.readString(out.resolve("runs/2-privacy.noise-multiplier=0,clients.learning-rate=0.1")
                .resolve("scenario.conf"));
        assertThat(resolved).contains("learning-rate=0.1").contains("noise-multiplier=0");

        Path png = out.resolve("tradeoff.png");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(400);
        assertThat(Files.size(png)).isGreaterThan(10_000);

        String report = Files.readString(out.resolve("report.html"));
        for (String line : jsonl) {
            String runDir = json(line).getString("run_dir");
            assertThat(report).contains("<a href=\"" + runDir + "/report.html\">");
            assertThat(out.resolve(runDir).resolve("report.html")).exists();
        }
        assertThat(out.resolve("charts")).isDirectoryContaining("glob:**/tradeoff.png")
                .isDirectoryContaining("glob:**/compare-accuracy.png").isDirectoryContaining("glob:**/compare-epsilon.png");

        // fedsim report rebuilds the sweep's report from sweep.csv and the runs' folders: the same page, but for
        // the wall times, which sweep.csv keeps to the millisecond
        Files.delete(out.resolve("report.html"));
        assertThat(fedsim("report", out).exitCode()).isZero();
        String wallTime = "<td>[0-9.]+</td><td class=\"text\"><a ";
        assertThat(Files.readString(out.resolve("report.html")).replaceAll(wallTime, ""))
                .isEqualTo(report.replaceAll(wallTime, ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "privacy.noise-multiplier|--vary privacy.noise-multiplier: expected KEY=v1,v2,...",
        "privacy.noise-multiplier=|--vary privacy.noise-multiplier=: no values",
        "privacy.noise-multiplyer=0,1|--vary privacy.noise-multiplyer=0: privacy.noise-multiplyer: unknown key",
        "clients.fraction=0.5,2|--vary clients.fraction=2: clients.fraction",
        "privacy.noise-multiplier=1,-1|--vary privacy.noise-multiplier=-1: privacy.noise-multiplier"})
    void aBadVaryStopsTheSweepBeforeAnyRun(String vary, String message) {
        CliRuns.Result r = fedsim("sweep", scenario, "--vary", "clients.learning-rate=0.05,0.1", "--vary", vary,
                "--out", out);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err()).startsWith("fedsim: error: ").contains(message).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBadParallelOrAMissingVaryIsAUserError() {
        assertThat(fedsim("sweep", scenario, "--vary", "seed=1,2", "--parallel", "0", "--out", out).exitCode())
                .isEqualTo(FedSimCli.USER_ERROR);
        assertThat(fedsim("sweep", scenario, "--out", out).exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(out).doesNotExist();
    }
}
