package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.json;
import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedsim strategies}, a third-party strategy run by name, and strategy metrics in metrics.csv. */
class StrategiesCommandTest {
    private static final List<String> NAMES = List.of("fedavg", "fedavgm", "fedadagrad", "fedadam", "fedyogi",
            "fedprox", "fednova", "qfedavg", "scaffold", "fedmedian", "trimmed-mean", "krum", "multi-krum", "bulyan", "median-norm-clip");

    @TempDir
    Path dir;

    @Test
    void listsEveryStrategyWithItsParametersAndMetrics() {
        CliRuns.Result r = fedsim("strategies");

        assertThat(r.exitCode()).isZero();
        for (String name : NAMES) {
            assertThat(r.out()).containsPattern("(?m)^" + name + " +\\S");
        }
        assertThat(r.out()).contains("Blanchard et al. 2017").contains("strategy.byzantine-clients")
                .contains("selected_clients, selected_client_id").contains("clip_bound, clipped_clients");
    }

    @Test
    void jsonListsTheSameWithTheProviderClass() {
        CliRuns.Result r = fedsim("strategies", "--json");

        assertThat(r.exitCode()).isZero();
        List<? extends Config> rows = json("{\"s\":" + r.out() + "}").getConfigList("s");
        assertThat(rows).extracting(c -> c.getString("name")).containsExactlyInAnyOrderElementsOf(NAMES);
        Config krum = rows.stream().filter(c -> c.getString("name").equals("krum")).findFirst().orElseThrow();
        assertThat(krum.getStringList("parameters"))
                .containsExactly("strategy.server-learning-rate", "strategy.byzantine-clients");
        assertThat(krum.getStringList("metrics")).containsExactly("selected_clients", "selected_client_id");
        assertThat(krum.getString("provider")).endsWith("BuiltInStrategies$KrumProvider");
    }

    @Test
    void aThirdPartyStrategyOnTheClasspathRunsByNameAndWritesItsMetrics() throws Exception {
        Path out = dir.resolve("out");
        new CliRuns(dir).runOk("clip", CliRuns.TINY + "strategy { name = median-norm-clip, server-learning-rate = 0.8 }\n",
                out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).endsWith(",skip_reason,bytes_up,bytes_down,updates_rejected,attackers_in_cohort,clip_bound,clipped_clients");
        assertThat(csv).hasSize(1 + 5);
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertThat(Double.parseDouble(cells[cells.length - 2])).as(row).isPositive();
            // five updates a round, clipped to the median norm: the two above the median are clipped
            assertThat(cells[cells.length - 1]).as(row).isEqualTo("2.0");
        }
        assertThat(json(Files.readString(out.resolve("summary.json"))).getDouble("final_test_accuracy")).isGreaterThan(0.5);
    }

    @Test
    void listsTheAggregatorsAndWhichStrategiesReadThem() {
        CliRuns.Result r = CliRuns.fedsim("strategies");

        assertThat(r.out()).contains("aggregators (strategy.aggregator; read by fedadagrad, fedadam, fedavgm, fedyogi,")
                .containsPattern("(?m)^  mean +the sample-weighted mean")
                .containsPattern("(?m)^  trimmed-mean +Coordinate-wise mean after trimming.*keys: strategy.trim-fraction; "
                        + "metrics: trimmed_per_side$");
    }

    @Test
    void aScaffoldRunWritesItsControlVariateNorm() {
        Path out = dir.resolve("out");
        new CliRuns(dir).runOk("scaffold", CliRuns.TINY + "strategy.name = scaffold\n", out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).endsWith(",attackers_in_cohort,control_variate_norm");
        assertThat(csv).hasSize(1 + 5);
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertThat(Double.parseDouble(cells[cells.length - 1])).as(row).isPositive();
        }
    }

    @Test
    void aComposedRunWritesTheAggregatorsMetrics() {
        Path out = dir.resolve("out");
        new CliRuns(dir).runOk("composed", CliRuns.TINY
                + "strategy { name = fedadam, server-learning-rate = 0.01, aggregator = trimmed-mean, trim-fraction = 0.2 }\n",
                out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).endsWith(",attackers_in_cohort,trimmed_per_side");
        for (String row : csv.subList(1, csv.size())) {
            assertThat(row).as("5 clients, floor(0.2 * 5) = 1 trimmed per side").endsWith(",1.0");
        }
    }

    @Test
    void aKrumRunWritesTheClientsItSelected() {
        Path out = dir.resolve("out");
        new CliRuns(dir).runOk("krum", CliRuns.TINY + "strategy { name = krum, byzantine-clients = 1 }\n", out);

        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).endsWith(",skip_reason,bytes_up,bytes_down,updates_rejected,attackers_in_cohort,selected_clients,selected_client_id");
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells[cells.length - 2]).as(row).isEqualTo("1.0");
            assertThat(Double.parseDouble(cells[cells.length - 1])).as(row).isBetween(0.0, 9.0);
        }
    }

    @Test
    void theWorkedExampleInTheDocsIsTheTestedStrategy() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "strategies.md"));
        String source = Files.readString(Path.of("src", "test", "java", "org", "example", "MedianNormClip.java"));
        assertThat(docs).contains("```java\n" + source + "```");
        assertThat(source.lines().count()).isLessThan(60);
        assertThat(docs).contains("org.example.MedianNormClip$Provider");
    }
}
