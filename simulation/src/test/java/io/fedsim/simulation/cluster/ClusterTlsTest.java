package io.fedsim.simulation.cluster;

import static io.fedsim.simulation.cluster.NodeProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS with mutual authentication, keys made here with the JDK's keytool (nothing committed): a
 * client node whose certificate the coordinator does not trust cannot join and gives up; one with the right
 * certificate joins and the run completes.
 */
class ClusterTlsTest {
    private static final String PASSWORD = "fedsim-test";
    private static final String SCENARIO = """
            name = tls-small
            rounds = 3
            seed = 9
            data { source = blobs, blobs { features = 4, classes = 3, train-samples = 200, test-samples = 60 } }
            clients { count = 6, fraction = 0.5, batch-size = 10, learning-rate = 0.1 }
            model { type = logreg }
            round { timeout = 60s }
            """;

    @TempDir
    Path dir;

    @Test
    void aNodeWithoutTheTrustedCertificateCannotJoin() throws Exception {
        Path good = keyPair("good");
        Path rogue = keyPair("rogue");
        Path trustGood = trustStore("trust-good", "good");
        Path trustBoth = trustStore("trust-both", "good", "rogue"); // the rogue node would trust the coordinator
        Path scenario = Files.writeString(dir.resolve("tls.conf"), SCENARIO);
        Path out = dir.resolve("out");
        int[] ports = {freePort(), freePort(), freePort()};
        try (NodeProcesses nodes = new NodeProcesses(dir)) {
            Process coordinator = nodes.start("coordinator", withTls(good, trustGood, "--role", "coordinator",
                    "--bind", "127.0.0.1:" + ports[0], "--scenario", scenario.toString(), "--out", out.toString(),
                    "--set", "cluster.join-timeout=300s"));
            Process intruder = nodes.start("rogue", withTls(rogue, trustBoth, "--role", "clients", "--bind", "127.0.0.1:" + ports[1],
                    "--seed-nodes", "127.0.0.1:" + ports[0], "--scenario", scenario.toString(), "--set", "cluster.join-timeout=30s"));

            assertThat(nodes.exitCode(intruder, "rogue", Duration.ofMinutes(3))).as(nodes.logText("rogue")).isEqualTo(2);
            assertThat(nodes.logText("rogue")).contains("could not join the cluster through [127.0.0.1:" + ports[0] + "]");
            assertThat(coordinator.isAlive()).isTrue();
            assertThat(nodes.logText("coordinator")).doesNotContain("hosts clients");

            Process member = nodes.start("member", withTls(good, trustGood, "--role", "clients", "--bind", "127.0.0.1:" + ports[2],
                    "--seed-nodes", "127.0.0.1:" + ports[0], "--scenario", scenario.toString()));
            assertThat(nodes.exitCode(coordinator, "coordinator", Duration.ofMinutes(5))).as(nodes.logText("coordinator")).isEqualTo(0);
            assertThat(nodes.exitCode(member, "member", Duration.ofMinutes(1))).isEqualTo(0);
        }
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(4);
    }

    private String[] withTls(Path keystore, Path truststore, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "cluster.tls.enabled=true", "--set", "cluster.tls.keystore=\"" + keystore + "\"",
                "--set", "cluster.tls.keystore-password=" + PASSWORD, "--set", "cluster.tls.truststore=\"" + truststore + "\"",
                "--set", "cluster.tls.truststore-password=" + PASSWORD));
        return all.toArray(String[]::new);
    }

    /** A PKCS12 keystore with a fresh self-signed RSA key, and its certificate in NAME.crt. */
    private Path keyPair(String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=fedsim-" + name, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve(name + ".crt").toString());
        return store;
    }

    private Path trustStore(String name, String... certificates) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        for (String cert : certificates) {
            keytool("-importcert", "-noprompt", "-alias", cert, "-file", dir.resolve(cert + ".crt").toString(),
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
