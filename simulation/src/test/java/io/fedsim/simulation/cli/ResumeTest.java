package io.fedsim.simulation.cli;

import static io.fedsim.simulation.cli.CliRuns.fedsim;
import static io.fedsim.simulation.cli.CliRuns.json;
import static io.fedsim.simulation.cli.RunFolders.assertSameRun;
import static io.fedsim.simulation.cli.RunFolders.checkpoints;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.fedsim.coordinator.checkpoint.Checkpoint;
import io.fedsim.coordinator.checkpoint.CheckpointFile;
import io.fedsim.coordinator.checkpoint.StopRequest;
import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.run.Simulation;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fedsim resume}: a run stopped gracefully after some round and resumed ends exactly as the same run
 * uninterrupted; damaged checkpoints are skipped; folders that cannot resume exactly are refused.
 */
class ResumeTest {
    /** Twelve rounds of FedAvgM (server momentum: strategy state) on an MLP, checkpoints every 3 rounds, 2 kept. */
    private static final String MOMENTUM = """
            rounds = 12
            seed = 21
            data {
              source = blobs
              blobs { features = 6, classes = 3, train-samples = 480, test-samples = 120 }
              partition { scheme = dirichlet, alpha = 0.5 }
            }
            clients { count = 12, fraction = 0.5, batch-size = 8, learning-rate = 0.05 }
            model { type = mlp, hidden = [8] }
            strategy { name = fedavgm, momentum = 0.9 }
            round { timeout = 60s }
            checkpoint { every = 3, keep = 2 }
            """;

    @TempDir
    Path dir;
    CliRuns runs;

    @BeforeEach
    void setUp() {
        runs = new CliRuns(dir);
    }

    private Path uninterrupted(String text, String name) {
        Path out = dir.resolve(name);
        runs.runOk("s", text, out);
        return out;
    }

    /** Runs {@code text} and asks it to stop gracefully after {@code round}, as Ctrl-C does. */
    private Path stoppedAfter(String text, String name, int round) throws IOException {
        Path out = dir.resolve(name);
        StopRequest stop = new StopRequest();
        RunSummary summary = Simulation.run(new ScenarioLoader(Components.strategyNames()).load(runs.write("s.conf", text)),
                out, r -> {
                    if (r.round() == round) {
                        stop.request();
                    }
                }, stop);
        assertThat(summary.rounds()).isEqualTo(round);
        assertThat(summary.stopReason()).isEqualTo("interrupted: checkpoint at round " + round
                + "; continue with fedsim resume " + out);
        return out;
    }

    @Test
    void aStoppedRunResumesToTheSameModelAndMetricsAsAnUninterruptedOne() throws IOException {
        Path whole = uninterrupted(MOMENTUM, "whole");
        Path stopped = stoppedAfter(MOMENTUM, "stopped", 7);
        assertThat(checkpoints(stopped)).containsExactly("round-000006.ckpt", "round-000007.ckpt");
        assertThat(CliRuns.lines(stopped.resolve("metrics.csv"))).hasSize(1 + 7);
        assertThat(json(Files.readString(stopped.resolve("summary.json"))).getInt("rounds")).isEqualTo(7);

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("12 rounds").contains("completed 12 rounds");
        assertSameRun(stopped, whole, 12);
        assertThat(checkpoints(whole)).containsExactly("round-000009.ckpt", "round-000012.ckpt");
        assertThat(checkpoints(stopped)).containsExactly("round-000009.ckpt", "round-000012.ckpt");
        Config a = json(Files.readString(whole.resolve("summary.json")));
        Config b = json(Files.readString(stopped.resolve("summary.json")));
        for (String key : new String[] {"rounds", "final_test_accuracy", "best_test_accuracy", "best_round", "stop_reason",
                "final_train_loss"}) {
            assertThat(b.getValue(key).unwrapped()).as(key).isEqualTo(a.getValue(key).unwrapped());
        }
    }

    @Test
    void federatedEvaluationRowsInClientsCsvAreCutBackAndContinuedToo() throws IOException {
        String text = MOMENTUM + "eval { federated-every = 2 }\n";
        Path whole = uninterrupted(text, "whole");
        Path stopped = stoppedAfter(text, "stopped", 5);
        assertThat(CliRuns.lines(stopped.resolve("clients.csv"))).hasSize(1 + 2 * 12);

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameRun(stopped, whole, 12);
        assertThat(CliRuns.lines(whole.resolve("clients.csv"))).hasSize(1 + 6 * 12);
        assertThat(Files.readAllBytes(stopped.resolve("clients.csv"))).isEqualTo(Files.readAllBytes(whole.resolve("clients.csv")));
    }

    @Test
    void simulatedTimeAndDeadlinesContinueExactly() throws IOException {
        String text = MOMENTUM + """
                devices { enabled = true, speed = "lognormal(100, 0.3)", latency = "fixed(0.5)" }
                round { deadline = 2, stragglers = drop }
                availability { dropout-probability = 0.1 }
                """;
        Path whole = uninterrupted(text, "whole");
        Path stopped = stoppedAfter(text, "stopped", 5);

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameRun(stopped, whole, 12);
        assertThat(CliRuns.lines(whole.resolve("metrics.csv")).get(0)).contains("sim_seconds");
    }

    /** Top-k with error feedback keeps each client's unsent remainder in its persistent state: the checkpoint must too. */
    @Test
    void errorFeedbackResidualsAndAttackersContinueExactly() throws IOException {
        String text = MOMENTUM + """
                compression { uplink = topk, topk-fraction = 0.2, error-feedback = true }
                attack { kind = sign-flip, fraction = 0.2 }
                """;
        Path whole = uninterrupted(text, "whole");
        Path stopped = stoppedAfter(text, "stopped", 7);
        Path newest = stopped.resolve("checkpoints/round-000007.ckpt");
        assertThat(CheckpointFile.read(newest).floats().keySet()).anyMatch(name -> name.startsWith("client/"));

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameRun(stopped, whole, 12);
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedAndTheRunResumesFromTheOneBefore() throws IOException {
        Path whole = uninterrupted(MOMENTUM, "whole");
        Path stopped = stoppedAfter(MOMENTUM, "stopped", 7);
        Path newest = stopped.resolve("checkpoints/round-000007.ckpt");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - 10));

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning").contains("round-000007.ckpt").contains("SHA-256 does not match")
                .contains("skipping");
        assertSameRun(stopped, whole, 12);
    }

    @Test
    void aRunWhoseScenarioWasEditedIsRefusedAndLeftAsItWas() throws IOException {
        Path stopped = stoppedAfter(MOMENTUM, "stopped", 4);
        Path conf = stopped.resolve("scenario.conf");
        Files.writeString(conf, Files.readString(conf).replace("learning-rate=0.05", "learning-rate=0.1"));
        assertThat(Files.readString(conf)).contains("learning-rate=0.1");
        byte[] metrics = Files.readAllBytes(stopped.resolve("metrics.csv"));

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err()).startsWith("fedsim: error: " + conf + ": edited since the run started")
                .contains("fedsim run " + conf + " --out NEW_DIR").doesNotContain("Exception");
        assertThat(Files.readAllBytes(stopped.resolve("metrics.csv"))).isEqualTo(metrics);
    }

    @Test
    void aCheckpointOfAnotherFedSimVersionIsRefused() throws IOException {
        Path stopped = stoppedAfter(MOMENTUM, "stopped", 4);
        Path newest = stopped.resolve("checkpoints/round-000004.ckpt");
        Checkpoint c = CheckpointFile.read(newest);
        CheckpointFile.write(newest, new Checkpoint("0.0.1-old", c.round(), c.scenarioSha256(), c.floats(), c.doubles(),
                c.longs()));

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(r.err()).contains("round-000004.ckpt: written by FedSim 0.0.1-old, but this is FedSim ")
                .contains("resumes only with the version that started it");
    }

    @Test
    void aFinishedRunAndAFolderWithoutCheckpointsAreRefused() throws IOException {
        Path whole = uninterrupted(MOMENTUM, "whole");
        CliRuns.Result finished = fedsim("resume", whole);
        assertThat(finished.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(finished.err()).contains("the run already finished, at round 12").contains("nothing to resume");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.copy(whole.resolve("scenario.conf"), empty.resolve("scenario.conf"));
        CliRuns.Result none = fedsim("resume", empty);
        assertThat(none.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(none.err()).contains("no intact checkpoint to resume from");

        CliRuns.Result notRun = fedsim("resume", dir.resolve("nowhere"));
        assertThat(notRun.exitCode()).isEqualTo(FedSimCli.USER_ERROR);
        assertThat(notRun.err()).contains("not a FedSim results folder (it has no scenario.conf)");
    }

    @Test
    void aRunKilledAfterItsFinalCheckpointResumesOnlyToWriteItsResults() throws IOException {
        Path whole = uninterrupted(MOMENTUM, "whole");
        byte[] model = Files.readAllBytes(whole.resolve("model-final.bin"));
        byte[] metrics = Files.readAllBytes(whole.resolve("metrics.csv"));
        Config summary = json(Files.readString(whole.resolve("summary.json")));
        Files.delete(whole.resolve("model-final.bin"));
        Files.delete(whole.resolve("summary.json"));

        CliRuns.Result r = fedsim("resume", whole);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("completed 12 rounds");
        assertThat(Files.readAllBytes(whole.resolve("model-final.bin"))).isEqualTo(model);
        assertThat(Files.readAllBytes(whole.resolve("metrics.csv"))).isEqualTo(metrics);
        Config again = json(Files.readString(whole.resolve("summary.json")));
        for (String key : new String[] {"rounds", "final_test_accuracy", "best_round", "stop_reason", "wall_seconds"}) {
            assertThat(again.getValue(key).unwrapped()).as(key).isEqualTo(summary.getValue(key).unwrapped());
        }
    }

    /** Central DP with adaptive clipping (the clip norm is carried state) and local DP (per-client counts). */
    @ParameterizedTest
    @ValueSource(strings = {
        "privacy { mode = central, clip-norm = 0.5, noise-multiplier = 1.0, adaptive-clipping { enabled = true, count-stddev = 1.0 } }",
        "privacy { mode = local, clip-norm = 0.5, noise-multiplier = 2.0 }"})
    void aPrivateRunResumesWithItsEpsilonContinuingExactly(String privacy) throws IOException {
        String text = MOMENTUM + privacy + "\n";
        Path whole = uninterrupted(text, "whole");
        Path stopped = stoppedAfter(text, "stopped", 5);

        CliRuns.Result r = fedsim("resume", stopped);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameRun(stopped, whole, 12);
        assertThat(CliRuns.lines(whole.resolve("metrics.csv")).get(0)).contains("epsilon");
        double a = json(Files.readString(whole.resolve("summary.json"))).getDouble("epsilon");
        double b = json(Files.readString(stopped.resolve("summary.json"))).getDouble("epsilon");
        assertThat(b).isEqualTo(a).isPositive();
    }
}
