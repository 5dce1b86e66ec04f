package io.fedsim.simulation.cluster;

import static io.fedsim.simulation.cluster.NodeProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.fedsim.simulation.DefaultSigint;
import io.fedsim.simulation.cli.FedSimCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs on 127.0.0.1 (one coordinator node, two client nodes, started without --scenario) run a scenario
 * to the end: the metrics equal a single-JVM run's apart from wall time; a client node killed mid-run leaves
 * its clients dropped (not failed) while the run goes on, and a node started again in its place serves them
 * again. A client node without a scenario file reads its own data path, or stops the run with its reason when it
 * cannot. Timeouts are generous: the machine may be busy, and a JVM with ND4J and Akka Cluster takes seconds to
 * start.
 */
class ClusterRunTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    /** Wall time differs from run to run; the others exist only on a cluster (clients_dropped: without conditions). */
    private static final Set<String> NOT_COMPARED = Set.of("wall_seconds", "round_wall_seconds", "clients_dropped",
            "wire_bytes_down", "wire_bytes_up");

    /** Twenty clients, five per round, an MLP of 4-8-3 = 67 parameters. */
    private static final String SCENARIO = """
            name = cluster-small
            rounds = %d
            seed = 5
            data {
              source = blobs
              blobs { features = 4, classes = 3, train-samples = 400, test-samples = 90, center-std = 3.0, noise-std = 0.5 }
              partition { scheme = dirichlet, alpha = 0.5, min-size = 5 }
            }
            clients { count = 20, fraction = 0.25, batch-size = 10, learning-rate = 0.1 }
            model { type = mlp, hidden = [8] }
            round { timeout = %s }
            runtime { training-threads = 1 }
            """;

    @TempDir
    Path dir;

    @Test
    void aClusterOfThreeJvmsGivesTheSingleJvmMetrics() throws Exception {
        Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO.formatted(6, "120s"));
        Path single = dir.resolve("single");
        assertThat(FedSimCli.execute("run", scenario.toString(), "--out", single.toString())).isEqualTo(0);

        Path clustered = dir.resolve("cluster");
        int[] ports = {freePort(), freePort(), freePort()};
        try (NodeProcesses nodes = new NodeProcesses(dir)) {
            Process coordinator = nodes.start("coordinator", "--role", "coordinator", "--bind", "127.0.0.1:" + ports[0],
                    "--scenario", scenario.toString(), "--out", clustered.toString(),
                    "--set", "cluster.min-client-nodes=2", "--set", "cluster.join-timeout=300s");
            Process a = startClients(nodes, "clients-a", ports[1], ports[0]);
            Process b = startClients(nodes, "clients-b", ports[2], ports[0]);

            assertThat(nodes.exitCode(coordinator, "coordinator", RUN_LIMIT)).as(nodes.logText("coordinator")).isEqualTo(0);
            assertThat(nodes.exitCode(a, "clients-a", Duration.ofMinutes(1))).as(nodes.logText("clients-a")).isEqualTo(0);
            assertThat(nodes.exitCode(b, "clients-b", Duration.ofMinutes(1))).as(nodes.logText("clients-b")).isEqualTo(0);
            assertThat(nodes.logText("clients-a") + nodes.logText("clients-b"))
                    .contains("hosting clients 0..9 (node 1 of 2)", "hosting clients 10..19 (node 2 of 2)");
        }

        assertThat(compared(clustered)).isEqualTo(compared(single)).hasSize(7);
        assertThat(table(single).get(0)).doesNotContain("clients_dropped");
        assertThat(ints(clustered, "clients_dropped")).as("no node died: nobody dropped out").containsOnly(0);
        assertThat(Files.readAllBytes(clustered.resolve("model-final.bin"))).isEqualTo(Files.readAllBytes(single.resolve("model-final.bin")));
        // each round the coordinator sends five clients the 67 parameters and reads their five updates
        for (List<String> row : table(clustered).subList(1, 7)) {
            double down = Double.parseDouble(column(clustered, row, "wire_bytes_down"));
            double up = Double.parseDouble(column(clustered, row, "wire_bytes_up"));
            assertThat(down).isGreaterThan(5 * 67 * 4).isLessThan(5 * (67 * 4 + 1000));
            assertThat(up).isEqualTo(5 * (4 * 4 + 2 * 8 + 4 + 5 + 67 * 4 + 4)); // header, dense uplink, no control delta
        }
    }

    /**
     * The client node has no scenario file and its data elsewhere than the coordinator's: it runs the coordinator's
     * scenario with its own path on top. The coordinator's copy is deleted before the node starts, so the run can
     * only complete if the node read its own.
     */
    @Test
    void aClientNodeWithoutAScenarioReadsItsOwnDataPath() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 7).append(',').append(i % 5 - 2).append(',').append(i % 2).append('\n');
        }
        Path theirs = Files.createDirectories(dir.resolve("coordinator-data")).resolve("train.csv");
        Path ours = Files.createDirectories(dir.resolve("node-data")).resolve("train.csv");
        Files.writeString(theirs, csv);
        Files.writeString(ours, csv);
        Path scenario = Files.writeString(dir.resolve("csv.conf"), """
                name = cluster-csv
                rounds = 2
                data { source = csv, csv { train = "%s" } }
                clients { count = 4, fraction = 0.5, batch-size = 5 }
                model { type = logreg }
                runtime { training-threads = 1 }
                """.formatted(theirs));
        Path out = dir.resolve("out");
        int[] ports = {freePort(), freePort()};
        try (NodeProcesses nodes = new NodeProcesses(dir)) {
            Process coordinator = nodes.start("coordinator", "--role", "coordinator", "--bind", "127.0.0.1:" + ports[0],
                    "--scenario", scenario.toString(), "--out", out.toString(), "--set", "cluster.join-timeout=300s");
            nodes.await("the coordinator's data", RUN_LIMIT, "coordinator", () -> nodes.logText("coordinator").contains("waiting up to"));
            Files.delete(theirs);
            Process node = nodes.start("clients", "--role", "clients", "--bind", "127.0.0.1:" + ports[1], "--seed-nodes",
                    "127.0.0.1:" + ports[0], "--set", "data.csv.train=\"" + ours + "\"", "--set", "cluster.join-timeout=300s");

            assertThat(nodes.exitCode(coordinator, "coordinator", RUN_LIMIT)).as(nodes.logText("coordinator")).isEqualTo(0);
            assertThat(nodes.exitCode(node, "clients", Duration.ofMinutes(1))).as(nodes.logText("clients")).isEqualTo(0);
            assertThat(nodes.logText("clients")).contains("cluster-csv: the coordinator's scenario", "hosting clients 0..3");
        }
        assertThat(table(out)).hasSize(3);
    }

    @Test
    void aClientNodeThatCannotLoadItsDataStopsTheRunWithItsReason() throws Exception {
        Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO.formatted(2, "60s"));
        Path missing = dir.resolve("no-mnist-here");
        int[] ports = {freePort(), freePort()};
        try (NodeProcesses nodes = new NodeProcesses(dir)) {
            Process coordinator = nodes.start("coordinator", "--role", "coordinator", "--bind", "127.0.0.1:" + ports[0],
                    "--scenario", scenario.toString(), "--out", dir.resolve("out").toString(), "--set", "cluster.join-timeout=300s");
            Process node = nodes.start("clients", "--role", "clients", "--bind", "127.0.0.1:" + ports[1], "--seed-nodes",
                    "127.0.0.1:" + ports[0], "--set", "data.source=idx", "--set", "data.dir=\"" + missing + "\"",
                    "--set", "cluster.join-timeout=300s");

            assertThat(nodes.exitCode(coordinator, "coordinator", RUN_LIMIT)).as(nodes.logText("coordinator")).isEqualTo(2);
            assertThat(nodes.exitCode(node, "clients", Duration.ofMinutes(1))).as(nodes.logText("clients")).isEqualTo(2);
            assertThat(nodes.logText("coordinator")).contains("client node 0 refused its clients: MNIST folder " + missing)
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aClientNodeKilledMidRunDropsItsClientsAndTheRunCompletes() throws Exception {
        int rounds = 20;
        // a deadline longer than the failure detector and the split-brain resolver take to down the node: the round it
        // dies in drops its clients too
        Path scenario = Files.writeString(dir.resolve("killed.conf"), SCENARIO.formatted(rounds, "30s"));
        Path clustered = dir.resolve("cluster");
        int[] ports = {freePort(), freePort(), freePort()};
        try (NodeProcesses nodes = new NodeProcesses(dir)) {
            Process coordinator = startCoordinatorForTwoKillableNodes(nodes, ports[0], scenario, clustered);
            Process a = startClients(nodes, "clients-a", ports[1], ports[0], scenario);
            Process b = startClients(nodes, "clients-b", ports[2], ports[0], scenario);

            nodes.await("round 2", RUN_LIMIT, "coordinator", () -> rows(clustered) >= 3);
            b.destroyForcibly();
            assertThat(nodes.exitCode(coordinator, "coordinator", RUN_LIMIT)).as(nodes.logText("coordinator")).isEqualTo(0);
            assertThat(nodes.exitCode(a, "clients-a", Duration.ofMinutes(1))).isEqualTo(0);
            assertThat(nodes.logText("coordinator")).contains("is unreachable: unless it is back", "left the cluster: clients ");
        }
        List<List<String>> table = table(clustered);
        assertThat(table).hasSize(rounds + 1);
        List<Integer> dropped = ints(clustered, "clients_dropped");
        assertThat(dropped.subList(0, 2)).as("rounds before the kill").containsOnly(0);
        assertThat(dropped).as("clients dropped per round").anyMatch(d -> d > 0);
        assertThat(ints(clustered, "clients_failed")).as("a dead node's clients drop out, they do not fail").containsOnly(0);
        List<Integer> sampled = ints(clustered, "clients_sampled");
        List<Integer> completed = ints(clustered, "clients_completed");
        for (int r = 0; r < rounds; r++) {
            assertThat(completed.get(r) + dropped.get(r)).as("round %d: completed + dropped", r + 1).isEqualTo(sampled.get(r));
        }
    }

    /**
     * The run has far more rounds than it needs: once the restarted node has served a while, the test stops it
     * with Ctrl-C (SIGINT), as a user would, so no round timing decides whether the new node is in time.
     */
    @Test
    void aClientNodeKilledMidRunDropsItsClientsAndOneStartedInItsPlaceServesThem() throws Exception {
        assumeFalse(DefaultSigint.ignoredInChildren(), "SIGINT is ignored in this JVM (started in the background without "
                + "job control), and so in its children, and there is no GNU env to give it back: Ctrl-C cannot stop the run");
        Path scenario = Files.writeString(dir.resolve("long.conf"), SCENARIO.formatted(100_000, "30s"));
        Path clustered = dir.resolve("cluster");
        int[] ports = {freePort(), freePort(), freePort()};
        List<String> coordinatorLog;
        try (NodeProcesses nodes = new NodeProcesses(dir)) {
            Process coordinator = startCoordinatorForTwoKillableNodes(nodes, ports[0], scenario, clustered);
            Process a = startClients(nodes, "clients-a", ports[1], ports[0], scenario);
            Process b = startClients(nodes, "clients-b", ports[2], ports[0], scenario);

            nodes.await("round 2", RUN_LIMIT, "coordinator", () -> rows(clustered) >= 3);
            b.destroyForcibly();
            nodes.await("the split-brain resolver to down the killed node", Duration.ofMinutes(2), "coordinator",
                    () -> nodes.logText("coordinator").contains("left the cluster: clients "));
            Process again = startClients(nodes, "clients-b-again", ports[2], ports[0]);
            nodes.await("the new node to take over", RUN_LIMIT, "coordinator", () -> nodes.logText("coordinator")
                    .contains("takes over index"));
            nodes.await("the new node's clients", Duration.ofMinutes(1), "coordinator", () -> nodes.logText("coordinator")
                    .lines().dropWhile(l -> !l.contains("takes over index")).anyMatch(l -> l.contains("hosts clients")));
            int served = rows(clustered);
            nodes.await("30 rounds after the takeover", RUN_LIMIT, "coordinator", () -> rows(clustered) >= served + 30);
            nodes.interrupt(coordinator);

            assertThat(nodes.exitCode(coordinator, "coordinator", RUN_LIMIT)).as(nodes.logText("coordinator")).isEqualTo(130);
            assertThat(nodes.exitCode(a, "clients-a", Duration.ofMinutes(1))).isEqualTo(0);
            assertThat(nodes.exitCode(again, "clients-b-again", Duration.ofMinutes(1))).isEqualTo(0);
            coordinatorLog = nodes.logText("coordinator").lines().toList();
        }
        List<Integer> dropped = ints(clustered, "clients_dropped");
        List<Integer> sampled = ints(clustered, "clients_sampled");
        List<Integer> completed = ints(clustered, "clients_completed");
        int rounds = dropped.size();
        assertThat(dropped).as("clients dropped per round").anyMatch(d -> d > 0);
        assertThat(ints(clustered, "clients_failed")).as("clients failed per round").containsOnly(0);
        // every round that started after the new node's clients were bound completes in full
        int servedFrom = firstRoundAfterTakeover(coordinatorLog);
        assertThat(servedFrom).as("a round after the takeover").isLessThanOrEqualTo(rounds - 20);
        assertThat(completed.subList(servedFrom - 1, rounds)).as("rounds %d.. served by the new node", servedFrom)
                .isEqualTo(sampled.subList(servedFrom - 1, rounds));
        // and their checkpoints hold every client's state: none is missing
        Pattern noCheckpoint = Pattern.compile("no checkpoint after round (\\d+)");
        assertThat(coordinatorLog.stream().map(noCheckpoint::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)))).as("rounds without a checkpoint").allMatch(r -> r < servedFrom);
        assertThat(clustered.resolve("checkpoints")).isDirectoryContaining(p -> p.getFileName().toString()
                .equals(String.format("round-%06d.ckpt", rounds)));
    }

    /**
     * The round after the one the coordinator logged first once the new node's clients were bound: the proxies
     * took the new references before that round's requests, so it is the first round they must serve.
     */
    private static int firstRoundAfterTakeover(List<String> log) {
        int takeover = indexOf(log, 0, "takes over index");
        int hosted = indexOf(log, takeover, "hosts clients");
        Matcher m = Pattern.compile("round (\\d+)/").matcher(log.get(indexOf(log, hosted, "Progress - round ")));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1)) + 1;
    }

    private static int indexOf(List<String> log, int from, String text) {
        for (int i = from; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' after line " + from + " of the coordinator's log:\n"
                + String.join("\n", log));
    }

    /** A client node without --scenario: it runs the coordinator's. */
    /**
     * A coordinator that waits for two client nodes and lets the split-brain resolver down one that stays
     * unreachable for 3 s, so that a test can kill a node and see its clients drop out soon.
     */
    private static Process startCoordinatorForTwoKillableNodes(NodeProcesses nodes, int port, Path scenario, Path out) {
        return nodes.start("coordinator", "--role", "coordinator", "--bind", "127.0.0.1:" + port,
                "--scenario", scenario.toString(), "--out", out.toString(), "--set", "cluster.min-client-nodes=2",
                "--set", "cluster.join-timeout=300s", "--set", "cluster.stable-after=3s");
    }

    private static Process startClients(NodeProcesses nodes, String name, int port, int seedPort) {
        return nodes.start(name, "--role", "clients", "--bind", "127.0.0.1:" + port, "--seed-nodes", "127.0.0.1:" + seedPort,
                "--set", "cluster.join-timeout=300s");
    }

    /** A client node with its own copy of the scenario file. */
    private static Process startClients(NodeProcesses nodes, String name, int port, int seedPort, Path scenario) {
        return nodes.start(name, "--role", "clients", "--bind", "127.0.0.1:" + port, "--seed-nodes", "127.0.0.1:" + seedPort,
                "--scenario", scenario.toString(), "--set", "cluster.join-timeout=300s");
    }

    private static int rows(Path out) {
        Path csv = out.resolve("metrics.csv");
        try {
            return Files.exists(csv) ? Files.readAllLines(csv).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A column of metrics.csv as whole numbers, round 1 first. */
    private static List<Integer> ints(Path out, String name) throws IOException {
        List<List<String>> table = table(out);
        int c = table.get(0).indexOf(name);
        assertThat(c).as("column " + name).isNotNegative();
        return table.subList(1, table.size()).stream().map(row -> (int) Double.parseDouble(row.get(c))).toList();
    }

    private static List<List<String>> table(Path out) throws IOException {
        return Files.readAllLines(out.resolve("metrics.csv")).stream().map(l -> Arrays.asList(l.split(",", -1))).toList();
    }

    private static String column(Path out, List<String> row, String name) {
        try {
            return row.get(table(out).get(0).indexOf(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** metrics.csv without the columns that differ from run to run (wall time) or exist only on a cluster. */
    private static List<List<String>> compared(Path out) throws IOException {
        List<List<String>> table = table(out);
        List<String> header = table.get(0);
        List<List<String>> kept = new ArrayList<>();
        for (List<String> row : table) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                if (!NOT_COMPARED.contains(header.get(c))) {
                    cells.add(row.get(c));
                }
            }
            kept.add(cells);
        }
        return kept;
    }
}
