package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.json;
import static io.fedsim.simulation.cli.RunFolders.assertSameRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.fedsim.simulation.DefaultSigint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: the command line runs in a child JVM, which is killed with SIGKILL (or stopped with
 * SIGINT) part-way through; {@code fedsim resume} then finishes the run, which must end byte for byte as
 * the same run uninterrupted. No fixed sleeps: the test polls the run's files, under a generous overall
 * limit, so a slow machine only makes it slower.
 */
class ResumeAfterKillTest {
    /** About a quarter of a second per round on one core: time enough to land a kill between checkpoints. */
    private static final String SCENARIO = """
            rounds = 40
            seed = 8
            data {
              source = blobs
              blobs { features = 12, classes = 4, train-samples = 8000, test-samples = 400 }
              partition { scheme = dirichlet, alpha = 0.5 }
            }
            clients { count = 20, fraction = 0.5, local-epochs = 2, batch-size = 10, learning-rate = 0.05 }
            model { type = mlp, hidden = [32] }
            strategy { name = fedavgm }
            round { timeout = 120s }
            checkpoint { every = 3, keep = 2 }
            """;
    private static final int ROUNDS = 40;
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    CliRuns runs;
    Path conf;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
        conf = runs.write("kill.conf", SCENARIO);
    }

    @Test
    void aRunKilledWithSigkillAndResumedEndsExactlyAsTheUninterruptedRun() throws Exception {
        Path killed = dir.resolve("killed");
        Process child = start("run", conf.toString(), "--out", killed.toString());
        int target = 3 + new Random(20261124L).nextInt(1, 9);
        waitFor(() -> checkpointCount(killed) > 0 && rows(killed) >= target, child, "a checkpoint and " + target + " rounds");
        child.destroyForcibly();
        assertThat(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(Files.exists(killed.resolve("model-final.bin"))).isFalse();
        int rowsAtKill = rows(killed);

        CliRuns.Result resumed = fedsim("resume", killed);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("completed " + ROUNDS + " rounds");
        Path whole = dir.resolve("whole");
        runs.runOk("kill", SCENARIO, whole);
        assertSameRun(killed, whole, ROUNDS);
        System.out.printf("killed after %d rows (target %d), resumed, identical to the uninterrupted run%n", rowsAtKill, target);
    }

    @Test
    void ctrlCStopsAfterACheckpointWithExitCode130AndTheRunResumes() throws Exception {
        assumeFalse(DefaultSigint.ignoredInChildren(), "SIGINT is ignored in this JVM (started in the background without "
                + "job control), and so in its children, and there is no GNU env to give it back: Ctrl-C cannot be simulated");
        Path stopped = dir.resolve("stopped");
        Process child = start("run", conf.toString(), "--out", stopped.toString());
        waitFor(() -> rows(stopped) >= 5, child, "5 rounds");
        new ProcessBuilder("sh", "-c", "kill -INT " + child.pid()).start().waitFor();
        assertThat(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.err"))).isEqualTo(130);
        String reason = json(Files.readString(stopped.resolve("summary.json"))).getString("stop_reason");
        int round = rows(stopped);
        assertThat(round).isBetween(5, ROUNDS - 1);
        assertThat(reason).isEqualTo("interrupted: checkpoint at round " + round + "; continue with fedsim resume " + stopped);
        assertThat(stopped.resolve("checkpoints").resolve(String.format("round-%06d.ckpt", round))).exists();
        assertThat(Files.readString(dir.resolve("child.err"))).contains("stopping after this round");

        CliRuns.Result resumed = fedsim("resume", stopped);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Path whole = dir.resolve("whole");
        runs.runOk("kill", SCENARIO, whole);
        assertSameRun(stopped, whole, ROUNDS);
    }

    /** {@code fedsim args...} in a child JVM with this test's classpath; output to child.out and child.err. */
    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(DefaultSigint.prefix());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", classpath(), FedSimCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        return builder.start();
    }

    /** Surefire may hand the test JVM a one-jar manifest classpath; the real one is in its own property. */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private void waitFor(BooleanSupplier condition, Process child, String what) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new AssertionError("the child exited (" + child.exitValue() + ") before " + what + ":\n"
                        + Files.readString(dir.resolve("child.err")));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("no " + what + " within " + LIMIT);
            }
            Thread.sleep(10);
        }
    }

    /** Finished rounds in metrics.csv: complete lines after the header. */
    private static int rows(Path out) {
        try {
            byte[] bytes = Files.readAllBytes(out.resolve("metrics.csv"));
            int lines = 0;
            for (byte b : bytes) {
                lines += b == '\n' ? 1 : 0;
            }
            return Math.max(0, lines - 1);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long checkpointCount(Path out) {
        try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ckpt")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
