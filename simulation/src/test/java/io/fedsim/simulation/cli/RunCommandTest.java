package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.json;
import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.model.ParameterFile;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.run.FederatedData;
import io.fedsim.simulation.scenario.Scenario;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of tiny scenarios through {@code fedsim run}, checking every file of the results folder. */
class RunCommandTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader(Components.strategyNames());
    private static final String HEADER_START = "round,clients_sampled,clients_completed,train_loss,test_loss,"
            + "test_accuracy,wall_seconds";

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void aRunWritesEveryResultFile() throws Exception {
        Path out = dir.resolve("out");
        CliRuns.Result r = runs.runOk("tiny", CliRuns.TINY, out);

        assertThat(r.out()).contains("tiny: 5 rounds").contains("results: " + out);
        assertThat(out).isDirectoryContaining("glob:**/scenario.conf").isDirectoryContaining("glob:**/metrics.csv")
                .isDirectoryContaining("glob:**/metrics.jsonl").isDirectoryContaining("glob:**/summary.json")
                .isDirectoryContaining("glob:**/model-final.bin").isDirectoryContaining("glob:**/report.html");
        assertThat(out.resolve("charts")).isDirectoryContaining("glob:**/accuracy.png")
                .isDirectoryContaining("glob:**/loss.png");

        Scenario original = LOADER.load(dir.resolve("tiny.conf"));
        Scenario reloaded = LOADER.load(out.resolve("scenario.conf"));
        assertThat(reloaded).usingRecursiveComparison().ignoringFields("sourceFile").isEqualTo(original);

        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).startsWith(HEADER_START + ",");
        assertThat(csv).hasSize(1 + 5);
        for (int round = 1; round <= 5; round++) {
            assertThat(csv.get(round)).startsWith(round + ",5,5,");
        }

        List<String> jsonl = lines(out.resolve("metrics.jsonl"));
        assertThat(jsonl).hasSize(5);
        String[] columns = csv.get(0).split(",", -1);
        for (int i = 0; i < 5; i++) {
            Config row = json(jsonl.get(i));
            String[] cells = csv.get(i + 1).split(",", -1);
            assertThat(row.root().keySet()).containsExactlyInAnyOrder(columns);
            for (int c = 0; c < columns.length; c++) {
                String expected = cells[c];
                if (row.getIsNull(columns[c])) {
                    assertThat(expected).as("round %d, %s", i + 1, columns[c]).isEmpty();
                } else {
                    assertThat(Double.parseDouble(row.getString(columns[c])))
                            .as("round %d, %s", i + 1, columns[c]).isEqualTo(Double.parseDouble(expected));
                }
            }
        }

        Config summary = json(Files.readString(out.resolve("summary.json")));
        assertThat(summary.getInt("rounds")).isEqualTo(5);
        assertThat(summary.getLong("seed")).isEqualTo(3);
        assertThat(summary.getDouble("final_test_accuracy")).isBetween(0.0, 1.0)
                .isEqualTo(json(jsonl.get(4)).getDouble("test_accuracy"));
        assertThat(summary.getDouble("best_test_accuracy")).isGreaterThanOrEqualTo(summary.getDouble("final_test_accuracy"));
        assertThat(summary.getDouble("wall_seconds")).isPositive();

        float[] params = ParameterFile.read(out.resolve("model-final.bin"));
        assertThat(params).hasSize(summary.getInt("parameters")).hasSize((4 + 1) * 3);

        // the final model's loss on the whole training set, recomputed from the folder alone
        Scenario again = LOADER.load(out.resolve("scenario.conf"));
        Dataset train = FederatedData.build(again).train();
        ModelWorkspace ws = new LogisticRegression(train.numFeatures(), train.numClasses()).newWorkspace(100);
        ws.setParameters(params);
        Evaluation onTrain = ws.evaluate(train, null);
        assertThat(summary.getDouble("final_train_loss")).isCloseTo(onTrain.meanLoss(), within(1e-12));
        assertThat(summary.getDouble("final_train_accuracy")).isEqualTo(onTrain.accuracy());
    }

    @Test
    void seedOptionReplacesTheScenarioSeed() throws Exception {
        Path out = dir.resolve("out");
        runs.runOk("tiny", CliRuns.TINY, out, "--seed", "7");

        assertThat(json(Files.readString(out.resolve("summary.json"))).getLong("seed")).isEqualTo(7);
        assertThat(LOADER.load(out.resolve("scenario.conf")).seed()).isEqualTo(7);
    }

    @Test
    void aNonEmptyOutFolderIsRefusedAndLeftAlone() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("metrics.csv"), "an earlier run");
        Path file = runs.write("tiny.conf", CliRuns.TINY);

        CliRuns.Result r = fedsim("run", file, "--out", out);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("fedsim: error: --out " + out).contains("not empty");
        try (var entries = Files.list(out)) {
            assertThat(entries).containsExactly(out.resolve("metrics.csv"));
        }
        assertThat(Files.readString(out.resolve("metrics.csv"))).isEqualTo("an earlier run");
    }

    @Test
    void testCellsAreEmptyInRoundsNotEvaluated() {
        Path out = dir.resolve("out");
        runs.runOk("tiny", CliRuns.TINY, out, "--set", "eval-every=2");

        List<String> csv = lines(out.resolve("metrics.csv"));
        List<String> columns = List.of(csv.get(0).split(","));
        int loss = columns.indexOf("test_loss");
        int accuracy = columns.indexOf("test_accuracy");
        for (int round = 1; round <= 5; round++) {
            String[] cells = csv.get(round).split(",", -1);
            boolean evaluated = round % 2 == 0 || round == 5;
            assertThat(cells[loss].isEmpty()).as("test_loss of round %d", round).isEqualTo(!evaluated);
            assertThat(cells[accuracy].isEmpty()).as("test_accuracy of round %d", round).isEqualTo(!evaluated);
        }
        List<String> jsonl = lines(out.resolve("metrics.jsonl"));
        assertThat(json(jsonl.get(0)).getIsNull("test_accuracy")).isTrue();
        assertThat(json(jsonl.get(4)).getIsNull("test_accuracy")).isFalse();
    }

    @Test
    void reachingTheTargetAccuracyStopsTheRun() throws Exception {
        Path out = dir.resolve("out");
        // A small learning rate makes accuracy climb over several rounds (to 0.99 at round 6 with this seed).
        runs.runOk("tiny", CliRuns.TINY, out, "--set", "rounds=50", "--set", "clients.learning-rate=0.01",
                "--set", "target-accuracy=0.99");

        Config summary = json(Files.readString(out.resolve("summary.json")));
        int rounds = summary.getInt("rounds");
        assertThat(rounds).isBetween(2, 49);
        assertThat(summary.getString("stop_reason")).contains("target");
        List<String> jsonl = lines(out.resolve("metrics.jsonl"));
        assertThat(jsonl).hasSize(rounds);
        for (int i = 0; i < rounds - 1; i++) {
            assertThat(json(jsonl.get(i)).getDouble("test_accuracy")).as("round %d", i + 1).isLessThan(0.99);
        }
        assertThat(json(jsonl.get(rounds - 1)).getDouble("test_accuracy")).isGreaterThanOrEqualTo(0.99)
                .isEqualTo(summary.getDouble("final_test_accuracy"));
        assertThat(lines(out.resolve("metrics.csv"))).hasSize(1 + rounds);
        assertThat(ParameterFile.read(out.resolve("model-final.bin"))).hasSize(15);
    }
}
