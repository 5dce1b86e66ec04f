package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.simulation.output.MetricsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same scenario and seed give the same results byte for byte, whatever the thread count. */
class ReproducibilityTest {
    /** Eight clients per round training an MLP on non-IID shards: two training threads really interleave. */
    private static final String BUSY = """
            rounds = 4
            seed = 11
            data {
              source = blobs
              blobs { features = 10, classes = 4, train-samples = 1600, test-samples = 200 }
              partition { scheme = dirichlet, alpha = 0.5 }
            }
            clients { count = 16, fraction = 0.5, local-epochs = 2, batch-size = 8, learning-rate = 0.05 }
            model { type = mlp, hidden = [16] }
            round { timeout = 60s }
            """;

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void theSameSeedTwiceGivesIdenticalResults() throws IOException {
        Path a = run("a", "runtime.training-threads=2");
        Path b = run("b", "runtime.training-threads=2");

        assertThat(withoutWallTime(a)).isEqualTo(withoutWallTime(b));
        assertThat(Files.readAllBytes(a.resolve("metrics.csv"))).isNotEqualTo(new byte[0]);
        assertThat(Files.readAllBytes(a.resolve("model-final.bin"))).isEqualTo(Files.readAllBytes(b.resolve("model-final.bin")));
        assertThat(Files.readString(a.resolve("scenario.conf"))).isEqualTo(Files.readString(b.resolve("scenario.conf")));
    }

    @Test
    void oneOrTwoTrainingThreadsGiveIdenticalResults() throws IOException {
        Path one = run("one", "runtime.training-threads=1");
        Path two = run("two", "runtime.training-threads=2");

        assertThat(withoutWallTime(one)).isEqualTo(withoutWallTime(two));
        assertThat(Files.readAllBytes(one.resolve("model-final.bin")))
                .isEqualTo(Files.readAllBytes(two.resolve("model-final.bin")));
    }

    @Test
    void scaffoldsClientStateKeepsRunsIdenticalAcrossThreadCounts() throws IOException {
        Path one = dir.resolve("scaffold-one");
        Path two = dir.resolve("scaffold-two");
        runs.runOk("busy", BUSY, one, "--set", "runtime.training-threads=1", "--set", "strategy.name=scaffold");
        runs.runOk("busy", BUSY, two, "--set", "runtime.training-threads=2", "--set", "strategy.name=scaffold");

        assertThat(withoutWallTime(one)).isEqualTo(withoutWallTime(two));
        assertThat(Files.readAllBytes(one.resolve("model-final.bin")))
                .isEqualTo(Files.readAllBytes(two.resolve("model-final.bin")));
        assertThat(Files.readAllBytes(one.resolve("model-final.bin")))
                .as("the control variates change the model").isNotEqualTo(Files.readAllBytes(run("fedavg",
                        "runtime.training-threads=1").resolve("model-final.bin")));
    }

    /**
     * Clients spawned on first use (the default) or all at start: the same results byte for byte, with client state
     * (SCAFFOLD's control variates, top-k residuals), federated evaluation of clients that never trained, and
     * checkpoints (which ask only the spawned clients for their state).
     */
    @Test
    void clientsSpawnedOnFirstUseGiveTheSameResultsAsClientsSpawnedAtStart() throws IOException {
        Path lazy = dir.resolve("on-first-use");
        Path eager = dir.resolve("at-start");
        String[] common = {"--set", "strategy.name=scaffold", "--set", "compression.uplink=topk",
                "--set", "compression.topk-fraction=0.3", "--set", "eval.federated-every=2",
                "--set", "eval.federated-fraction=0.25", "--set", "checkpoint.every=2"};
        runs.runOk("busy", BUSY, lazy, concat(common, "runtime.spawn-clients=on-first-use"));
        runs.runOk("busy", BUSY, eager, concat(common, "runtime.spawn-clients=at-start"));

        assertThat(withoutWallTime(lazy)).isEqualTo(withoutWallTime(eager));
        assertThat(Files.readAllBytes(lazy.resolve("model-final.bin"))).isEqualTo(Files.readAllBytes(eager.resolve("model-final.bin")));
        assertThat(lines(lazy.resolve("clients.csv"))).hasSizeGreaterThan(1).isEqualTo(lines(eager.resolve("clients.csv")));
        assertThat(lazy.resolve("checkpoints")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".ckpt"));
    }

    private static String[] concat(String[] sets, String last) {
        String[] all = java.util.Arrays.copyOf(sets, sets.length + 2);
        all[sets.length] = "--set";
        all[sets.length + 1] = last;
        return all;
    }

    @Test
    void anotherSeedGivesOtherResults() throws IOException {
        Path seed11 = run("s11", "seed=11");
        Path seed12 = run("s12", "seed=12");

        List<String> a = withoutWallTime(seed11);
        List<String> b = withoutWallTime(seed12);
        assertThat(a.get(0)).isEqualTo(b.get(0));
        for (int round = 1; round < a.size(); round++) {
            assertThat(a.get(round)).as("round %d", round).isNotEqualTo(b.get(round));
        }
        assertThat(Files.readAllBytes(seed11.resolve("model-final.bin")))
                .isNotEqualTo(Files.readAllBytes(seed12.resolve("model-final.bin")));
    }

    private Path run(String name, String override) {
        Path out = dir.resolve(name);
        runs.runOk("busy", BUSY, out, "--set", override);
        return out;
    }

    /** metrics.csv with the wall-time columns removed; every row has every column. */
    private static List<String> withoutWallTime(Path out) {
        List<String> csv = lines(out.resolve("metrics.csv"));
        assertThat(csv).hasSize(1 + 4).noneMatch(line -> line.contains("\""));
        List<String> header = List.of(csv.get(0).split(",", -1));
        assertThat(header).containsAll(MetricsWriter.WALL_TIME_COLUMNS);
        List<String> result = new ArrayList<>();
        for (String line : csv) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
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
