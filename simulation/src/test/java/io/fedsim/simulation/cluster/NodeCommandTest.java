package io.fedsim.simulation.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.simulation.cli.FedSimCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedsim node} user errors: one clear message and exit code 2, before or instead of joining anything. */
class NodeCommandTest {
    private static final String SCENARIO = """
            rounds = 1
            data { source = blobs, blobs { features = 2, classes = 2, train-samples = 40, test-samples = 10 } }
            clients { count = 2, fraction = 1.0 }
            model { type = logreg }
            """;

    @TempDir
    Path dir;

    @Test
    void aBadAddressIsAUserError() throws Exception {
        Result r = node("--role", "clients", "--bind", "localhost", "--seed-nodes", "127.0.0.1:2552", "--scenario", scenario());
        assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err).contains("--bind: expected HOST:PORT with a port in 0..65535, was 'localhost'").doesNotContain("\tat ");
    }

    @Test
    void aClientNodeNeedsSeedNodes() throws Exception {
        Result r = node("--role", "clients", "--bind", "127.0.0.1:0", "--scenario", scenario());
        assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err).contains("--seed-nodes: a client node needs the coordinator node's HOST:PORT");
    }

    @Test
    void anUnknownClusterSettingIsNamed() throws Exception {
        Result r = node("--role", "coordinator", "--bind", "127.0.0.1:0", "--scenario", scenario(),
                "--set", "cluster.min-client-node=2");
        assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err).contains("--set cluster.min-client-node=2").contains("cluster.min-client-node: unknown cluster setting");
    }

    @Test
    void aBadClusterSettingInAFileIsNamedWithItsLine() throws Exception {
        Path settings = Files.writeString(dir.resolve("cluster.conf"), """
                cluster {
                  min-client-nodes = -1
                  join-timeout = soon
                  client-frame-size = 1KiB
                }
                """);
        Result r = node("--role", "coordinator", "--bind", "127.0.0.1:0", "--scenario", scenario(),
                "--cluster-config", settings.toString());
        assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err).contains(settings + ":2: cluster.min-client-nodes: must be >= 1, was -1")
                .contains(settings + ":3: cluster.join-timeout: No number in duration value 'soon'")
                .contains(settings + ":4: cluster.client-frame-size: must be between 256KiB and 1GiB, was 1KiB")
                .doesNotContain("\tat ");
    }

    @Test
    void aKeystoreThatCannotBeOpenedIsAUserError() throws Exception {
        Path notAStore = Files.writeString(dir.resolve("node.p12"), "not a key store");
        Result r = node("--role", "clients", "--bind", "127.0.0.1:0", "--seed-nodes", "127.0.0.1:2552",
                "--set", "cluster.tls.enabled=true", "--set", "cluster.tls.keystore=\"" + notAStore + "\"",
                "--set", "cluster.tls.keystore-password=secret", "--set", "cluster.tls.truststore=\"" + dir.resolve("none.p12") + "\"",
                "--set", "cluster.tls.truststore-password=secret");
        assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err).contains("--set cluster.tls.keystore=\"" + notAStore + "\": cluster.tls.keystore: cannot open "
                        + notAStore + " as a PKCS12 or JKS store with cluster.tls.keystore-password")
                .contains("cluster.tls.truststore: no such file " + dir.resolve("none.p12"))
                .doesNotContain("\tat ");
    }

    @Test
    void theCoordinatorNodeNeedsItsScenario() throws Exception {
        Result r = node("--role", "coordinator", "--bind", "127.0.0.1:0");
        assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err).contains("--scenario: the coordinator node needs the scenario file");
    }

    @Test
    void aPortInUseIsAUserError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result r = node("--role", "clients", "--bind", "127.0.0.1:" + taken.getLocalPort(),
                    "--seed-nodes", "127.0.0.1:" + taken.getLocalPort(), "--scenario", scenario());
            assertThat(r.code).isEqualTo(FedSimCli.USER_ERROR);
            assertThat(r.err).contains("--bind 127.0.0.1:" + taken.getLocalPort() + ": cannot listen there")
                    .doesNotContain("internal error");
        }
    }

    private String scenario() throws Exception {
        return Files.writeString(dir.resolve("s.conf"), SCENARIO).toString();
    }

    private record Result(int code, String err) {
    }

    private static Result node(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "node";
        System.arraycopy(args, 0, all, 1, args.length);
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = FedSimCli.execute(all);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }
}
