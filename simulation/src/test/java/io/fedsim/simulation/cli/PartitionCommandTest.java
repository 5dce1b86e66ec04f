package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionCommandTest {
    private static final String SKEWED = CliRuns.TINY + "data.partition { scheme = dirichlet, alpha = 0.3 }\n";

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void summarisesWithoutTrainingAndWritesThePartitionARunWouldUse() throws IOException {
        Path file = runs.write("skewed.conf", SKEWED);
        Path partitionOnly = dir.resolve("p");
        CliRuns.Result r = fedsim("partition", file, "--set", "eval.federated-every=2", "--out", partitionOnly);
        Path run = dir.resolve("run");
        runs.runOk("skewed", SKEWED, run, "--set", "eval.federated-every=2");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("skewed: 10 clients, 240 training samples, 3 labels, partition dirichlet")
                .contains("samples per client: min ").contains("labels per client:  min ")
                .contains("first 5 clients (label:count):").contains("  client 4 (")
                .doesNotContain("  client 5 (");
        assertThat(partitionOnly.resolve("metrics.csv")).doesNotExist();
        assertThat(Files.readAllBytes(partitionOnly.resolve("partition.csv")))
                .isEqualTo(Files.readAllBytes(run.resolve("partition.csv")));
        // the chart is the one the run's report shows
        assertThat(r.out()).contains("partition.png: " + partitionOnly.resolve("partition.png"));
        assertThat(Files.readAllBytes(partitionOnly.resolve("partition.png")))
                .isEqualTo(Files.readAllBytes(run.resolve("charts/partition.png")));
    }

    @Test
    void spreadIsMinMedianMaxWithTheMeanOfTheMiddleTwo() {
        assertThat(PartitionSummary.spread(new int[] {7, 1, 4})).isEqualTo("min 1 / median 4 / max 7");
        assertThat(PartitionSummary.spread(new int[] {7, 1, 4, 2})).isEqualTo("min 1 / median 3 / max 7");
        assertThat(PartitionSummary.spread(new int[] {1, 2})).isEqualTo("min 1 / median 1.5 / max 2");
    }

    @Test
    void theSummaryListsEachClientsLabelCounts() {
        Dataset data = new Dataset("d", new float[6], new int[] {0, 1, 1, 2, 2, 2}, 1, 3);
        List<Shard> shards = List.of(new Shard(data, new int[] {0, 3}), new Shard(data, new int[] {1, 2, 4, 5}));
        var scenario = new io.fedsim.simulation.scenario.ScenarioLoader(io.fedsim.simulation.run.Components.strategyNames())
                .load(runs.write("tiny.conf", CliRuns.TINY), List.of());

        String text = PartitionSummary.describe(scenario, shards, 5);

        assertThat(text.lines()).containsExactly(
                "tiny: 2 clients, 6 training samples, 3 labels, partition iid",
                "samples per client: min 2 / median 3 / max 4",
                "labels per client:  min 2 / median 2 / max 2",
                "first 2 clients (label:count):",
                "  client 0 (2): 0:1 2:1",
                "  client 1 (4): 1:2 2:2");
    }

    @Test
    void userErrorsExitWithTwo() throws IOException {
        Path file = runs.write("tiny.conf", CliRuns.TINY);
        Path plain = Files.writeString(dir.resolve("plain"), "x");

        CliRuns.Result badKey = fedsim("partition", file, "--set", "data.partition.alpha=-1");
        CliRuns.Result onAFile = fedsim("partition", file, "--out", plain);

        assertThat(badKey.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(badKey.err()).contains("data.partition.alpha").contains("-1").doesNotContain("Exception");
        assertThat(onAFile.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(onAFile.err()).contains("is a file");
    }
}
