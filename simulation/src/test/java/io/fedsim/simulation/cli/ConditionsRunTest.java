package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.client.ClientFaults;
import io.fedsim.coordinator.CohortSampling;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-world conditions through {@code fedsim run}: crashes, simulated time, a device trace, and bad input. */
class ConditionsRunTest {
    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    @Test
    void thirtyPercentCrashingClientsAreCountedExactlyInMetricsCsv() {
        Path out = dir.resolve("out");
        runs.runOk("tiny", CliRuns.TINY, out, "--set", "faults.crash-probability=0.3", "--set", "rounds=8");

        List<String> rows = lines(out.resolve("metrics.csv"));
        List<String> header = Arrays.asList(rows.get(0).split(","));
        assertThat(header).contains("clients_dropped", "clients_straggled").doesNotContain("sim_seconds");
        assertThat(rows).hasSize(9);
        ClientFaults faults = new ClientFaults(0.3);
        int total = 0;
        for (int r = 1; r <= 8; r++) {
            String[] cells = rows.get(r).split(",", -1);
            int round = r;
            // TINY: seed 3, 10 clients, 5 a round
            int injected = (int) Arrays.stream(new CohortSampling.Fixed(5).sample(3, r, 10))
                    .filter(id -> faults.crashes(3, round, id)).count();
            total += injected;
            assertThat(Integer.parseInt(cells[header.indexOf("clients_failed")])).as("round %d", r).isEqualTo(injected);
            assertThat(Integer.parseInt(cells[header.indexOf("clients_completed")])).isEqualTo(5 - injected);
        }
        assertThat(total).isPositive();
    }

    @Test
    void simulatedSecondsComeFromTheTraceAndAccumulate() {
        StringBuilder trace = new StringBuilder("client_id,speed,up_bandwidth,down_bandwidth,availability\n");
        for (int id = 9; id >= 0; id--) { // any row order
            trace.append(id).append(",").append(id < 5 ? 1000 : 1).append(",1e6,1e6,1\n");
        }
        Path traceFile = runs.write("devices.csv", trace.toString());
        Path out = dir.resolve("out");
        String scenario = CliRuns.TINY + "devices { enabled = true, latency = 0, trace = \"" + traceFile + "\" }\n"
                + "round { deadline = 1000 }\n";
        runs.runOk("timed", scenario, out);

        List<String> rows = lines(out.resolve("metrics.csv"));
        List<String> header = Arrays.asList(rows.get(0).split(","));
        double sum = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            double roundSeconds = Double.parseDouble(cells[header.indexOf("round_sim_seconds")]);
            sum += roundSeconds;
            assertThat(Double.parseDouble(cells[header.indexOf("sim_seconds")])).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(roundSeconds).isPositive();
        }
        // a round with any of the slow half (1 sample/s, about 30 samples each) takes over 10 simulated seconds
        assertThat(sum).isGreaterThan(10);
        Path again = dir.resolve("again");
        runs.runOk("timed", scenario, again);
        assertThat(column(lines(again.resolve("metrics.csv")), "sim_seconds"))
                .isEqualTo(column(rows, "sim_seconds"));
    }

    @Test
    void asynchronousFedBuffRecordsOneRowPerServerUpdateAndRepeatsExactly() {
        String scenario = CliRuns.TINY + "mode = async\nasync { buffer-size = 3, concurrency = 6 }\n"
                + "devices { enabled = true, speed = \"lognormal(50, 1.0)\" }\n";
        Path out = dir.resolve("out");
        runs.runOk("async", scenario, out, "--set", "rounds=12");
        List<String> rows = lines(out.resolve("metrics.csv"));
        assertThat(rows).hasSize(13);
        assertThat(rows.get(0)).contains("round_sim_seconds,sim_seconds,staleness_mean,staleness_max");
        List<Double> clock = column(rows, "sim_seconds").stream().map(Double::parseDouble).toList();
        assertThat(clock).isSorted();
        assertThat(column(rows, "clients_completed")).containsOnly("3");
        assertThat(column(rows, "staleness_max").stream().mapToDouble(Double::parseDouble).max().orElseThrow()).isPositive();

        Path again = dir.resolve("again");
        runs.runOk("async", scenario, again, "--set", "rounds=12");
        List<String> second = lines(again.resolve("metrics.csv"));
        for (String name : List.of("sim_seconds", "train_loss", "test_accuracy", "staleness_mean")) {
            assertThat(column(second, name)).as(name).isEqualTo(column(rows, name));
        }
    }

    @Test
    void asyncWithoutSimulatedDevicesIsRefused() {
        Path file = runs.write("bad.conf", CliRuns.TINY + "mode = async\n");
        CliRuns.Result r = fedsim("run", file, "--out", dir.resolve("out"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("mode").contains("needs devices.enabled = true");
    }

    @Test
    void aDeadlineWithoutSimulatedDevicesIsRefused() {
        Path file = runs.write("bad.conf", CliRuns.TINY + "round { deadline = 10 }\n");
        CliRuns.Result r = fedsim("run", file, "--out", dir.resolve("out"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.conf:").contains("round.deadline").contains("needs devices.enabled = true");
    }

    @Test
    void aBadDistributionIsNamed() {
        Path file = runs.write("bad.conf", CliRuns.TINY + "devices { enabled = true, speed = \"gaussian(1, 2)\" }\n");
        CliRuns.Result r = fedsim("run", file, "--out", dir.resolve("out"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("devices.speed").contains("lognormal(median, sigma)").contains("gaussian(1, 2)");
    }

    @Test
    void aTraceMissingClientsIsNamed() {
        Path traceFile = runs.write("devices.csv", "client_id,speed,up_bandwidth,down_bandwidth,availability\n0,1,1,1,1\n");
        Path file = runs.write("bad.conf", CliRuns.TINY + "devices { enabled = true, trace = \"" + traceFile + "\" }\n");
        CliRuns.Result r = fedsim("run", file, "--out", dir.resolve("out"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(traceFile.toString()).contains("devices.trace").contains("missing clients [1, 2, 3, 4, 5]");
    }

    private static List<String> column(List<String> rows, String name) {
        int i = Arrays.asList(rows.get(0).split(",")).indexOf(name);
        return rows.stream().skip(1).map(row -> row.split(",", -1)[i]).toList();
    }
}
