package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.simulation.output.ClientsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Federated evaluation end to end: clients.csv, the fed_* columns, reproducibility, and bad values. */
class FederatedEvalRunTest {
    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void everyClientIsEvaluatedEveryNRoundsAndAfterTheLastAndTheColumnsAgreeWithClientsCsv() {
        Path out = dir.resolve("fe");
        runs.runOk("tiny", CliRuns.TINY, out, "--set", "eval.federated-every=2");

        List<String> clients = lines(out.resolve("clients.csv"));
        assertThat(clients.get(0)).isEqualTo(ClientsWriter.HEADER);
        assertThat(clients).hasSize(1 + 3 * 10);
        List<String[]> rows = clients.subList(1, clients.size()).stream().map(l -> l.split(",", -1)).toList();
        assertThat(rows).extracting(r -> r[0]).containsExactlyElementsOf(
                List.of("2", "2", "2", "2", "2", "2", "2", "2", "2", "2", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4",
                        "5", "5", "5", "5", "5", "5", "5", "5", "5", "5"));
        assertThat(rows.subList(0, 10)).extracting(r -> r[1]).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        // 300 samples over 10 IID clients: 30 each, 6 of them (0.2) held out as the local test split
        assertThat(rows).allSatisfy(r -> assertThat(r[2]).isEqualTo("6"));

        List<String> metrics = lines(out.resolve("metrics.csv"));
        List<String> header = List.of(metrics.get(0).split(",", -1));
        assertThat(header.subList(header.size() - 4, header.size()))
                .containsExactly("fed_accuracy_mean", "fed_accuracy_worst10", "fed_accuracy_std", "fed_jain");
        int meanColumn = header.indexOf("fed_accuracy_mean");
        assertThat(metrics.get(1).split(",", -1)[meanColumn]).isEmpty();
        double[] round5 = rows.subList(20, 30).stream().mapToDouble(r -> Double.parseDouble(r[5])).toArray();
        String[] last = metrics.get(5).split(",", -1);
        assertThat(Double.parseDouble(last[meanColumn])).isCloseTo(Arrays.stream(round5).average().orElseThrow(), within(1e-12));
        assertThat(Double.parseDouble(last[header.indexOf("fed_accuracy_worst10")]))
                .isEqualTo(Arrays.stream(round5).min().orElseThrow());
    }

    @Test
    void theSameSeedTwiceGivesIdenticalClientsCsv() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        runs.runOk("tiny", CliRuns.TINY, a, "--set", "eval.federated-every=1", "--set", "eval.federated-fraction=0.5",
                "--set", "runtime.training-threads=2");
        runs.runOk("tiny", CliRuns.TINY, b, "--set", "eval.federated-every=1", "--set", "eval.federated-fraction=0.5",
                "--set", "runtime.training-threads=2");

        assertThat(lines(a.resolve("clients.csv"))).hasSize(1 + 5 * 5);
        assertThat(Files.readAllBytes(a.resolve("clients.csv"))).isEqualTo(Files.readAllBytes(b.resolve("clients.csv")));
        assertThat(Files.readAllBytes(a.resolve("model-final.bin"))).isEqualTo(Files.readAllBytes(b.resolve("model-final.bin")));
    }

    @Test
    void withFederatedEvaluationOffTheLocalTestFractionChangesNothing() throws IOException {
        Path plain = dir.resolve("plain");
        Path other = dir.resolve("other");
        runs.runOk("tiny", CliRuns.TINY, plain);
        runs.runOk("tiny", CliRuns.TINY, other, "--set", "data.local-test-fraction=0.5");

        assertThat(plain.resolve("clients.csv")).doesNotExist();
        assertThat(lines(plain.resolve("metrics.csv")).get(0)).doesNotContain("fed_");
        assertThat(Files.readAllBytes(plain.resolve("model-final.bin")))
                .isEqualTo(Files.readAllBytes(other.resolve("model-final.bin")));
    }

    @Test
    void theQuickstartScenarioRunsWithFederatedEvaluation() {
        Path quickstart = Path.of("..", "configs", "quickstart.conf");
        Path out = dir.resolve("quickstart");
        CliRuns.Result r = fedsim("run", quickstart, "--set", "eval.federated-every=5", "--out", out);

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> clients = lines(out.resolve("clients.csv"));
        assertThat(clients).hasSize(1 + 6 * 50); // rounds 5, 10, ..., 30, every one of the 50 clients
        List<String> metrics = lines(out.resolve("metrics.csv"));
        List<String> header = List.of(metrics.get(0).split(",", -1));
        double jain = Double.parseDouble(metrics.get(30).split(",", -1)[header.indexOf("fed_jain")]);
        assertThat(jain).isBetween(1.0 / 50, 1.0);
        assertThat(lines(out.resolve("partition.csv")).get(0)).isEqualTo("client_id,label,count");
    }

    @Test
    void badValuesAreNamed() {
        Path file = runs.write("tiny.conf", CliRuns.TINY);
        CliRuns.Result fraction = fedsim("run", file, "--out", dir.resolve("x"), "--set", "eval.federated-fraction=0");
        CliRuns.Result split = fedsim("run", file, "--out", dir.resolve("y"), "--set", "eval.federated-every=1",
                "--set", "data.local-test-fraction=1");
        CliRuns.Result every = fedsim("validate", file, "--set", "eval.federated-every=-1");

        assertThat(fraction.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(fraction.err()).contains("eval.federated-fraction").contains("must be in (0, 1]").doesNotContain("Exception");
        assertThat(split.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(split.err()).contains("data.local-test-fraction").contains("must be in (0, 1)");
        assertThat(every.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(every.err()).contains("eval.federated-every").contains("must be >= 0");
    }
}
