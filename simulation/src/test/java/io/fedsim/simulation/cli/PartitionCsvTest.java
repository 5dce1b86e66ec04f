package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.data.Shard;
import io.fedsim.simulation.output.PartitionWriter;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.run.FederatedData;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** partition.csv describes the shards the clients actually train on. */
class PartitionCsvTest {
    private static final String SKEWED = CliRuns.TINY + "data.partition { scheme = dirichlet, alpha = 0.3 }\n";

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void everyRunWritesTheLabelCountsOfItsTrainingShards() {
        Path out = dir.resolve("run");
        runs.runOk("skewed", SKEWED, out);

        List<String> csv = lines(out.resolve("partition.csv"));
        assertThat(csv.get(0)).isEqualTo(PartitionWriter.HEADER);
        assertThat(csv.subList(1, csv.size())).isEqualTo(expectedRows(out));
        assertThat(csv.subList(1, csv.size()).stream().mapToInt(l -> Integer.parseInt(l.split(",")[2])).sum()).isEqualTo(300);
        assertThat(csv.subList(1, csv.size())).noneMatch(l -> l.endsWith(",0"));
    }

    @Test
    void withFederatedEvaluationItCountsOnlyTheLocalTrainingParts() {
        Path out = dir.resolve("fe");
        runs.runOk("skewed", SKEWED, out, "--set", "eval.federated-every=5");

        List<String> csv = lines(out.resolve("partition.csv"));
        assertThat(csv.subList(1, csv.size())).isEqualTo(expectedRows(out));
        int trained = csv.subList(1, csv.size()).stream().mapToInt(l -> Integer.parseInt(l.split(",")[2])).sum();
        int tested = lines(out.resolve("clients.csv")).stream().skip(1).filter(l -> l.startsWith("5,"))
                .mapToInt(l -> Integer.parseInt(l.split(",")[2])).sum();
        assertThat(trained + tested).isEqualTo(300);
        assertThat(tested).isPositive();
    }

    /** The rows recomputed from the shards of the scenario the run wrote, by counting labels directly. */
    private static List<String> expectedRows(Path out) {
        var scenario = new ScenarioLoader(Components.strategyNames()).load(out.resolve("scenario.conf"), List.of());
        List<Shard> shards = FederatedData.build(scenario).shards();
        List<String> rows = new ArrayList<>();
        for (int client = 0; client < shards.size(); client++) {
            Shard shard = shards.get(client);
            for (int label = 0; label < shard.data().numClasses(); label++) {
                int count = 0;
                for (int i : shard.indices()) {
                    if (shard.data().label(i) == label) {
                        count++;
                    }
                }
                if (count > 0) {
                    rows.add(client + "," + label + "," + count);
                }
            }
        }
        return rows;
    }
}
