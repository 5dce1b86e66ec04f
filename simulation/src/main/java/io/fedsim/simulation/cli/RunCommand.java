package io.fedsim.simulation.cli;

import io.fedsim.coordinator.checkpoint.StopRequest;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.output.Progress;
import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.run.Simulation;
import io.fedsim.simulation.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fedsim run FILE}: runs a scenario and writes its results folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario; results go to results/<name>-<yyyyMMdd-HHmmss>/ or --out DIR.")
final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the results here instead of results/<name>-<time>/.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Scenario s = scenario.load();
        Path dir = out != null ? out : freshFolder(Path.of("results"), s.name());
        refuseNonEmpty(dir);
        Progress progress = Progress.forConsole(s.rounds());
        return runInterruptibly(spec, dir, progress, stop -> Simulation.run(s, dir, progress, stop));
    }

    /** A run writing to its folder, asked to stop gracefully through {@code stop}. */
    interface Execution {
        RunSummary run(StopRequest stop) throws IOException;
    }

    /**
     * Runs {@code execution} with Ctrl-C taken over (the first stops after the round, with a checkpoint), turns a
     * failure to write into {@code dir} into a user error, finishes the progress display and reports how it ended.
     */
    static int runInterruptibly(CommandLine.Model.CommandSpec spec, Path dir, Progress progress, Execution execution) {
        RunSummary summary;
        try (Interruption interruption = Interruption.install(System.err)) {
            try {
                summary = execution.run(interruption.stopRequest());
            } catch (IOException e) {
                throw cannotWrite(dir, e);
            } catch (UncheckedIOException e) {
                throw cannotWrite(dir, e.getCause());
            } finally {
                progress.finish();
            }
            return report(spec, summary, dir, interruption);
        }
    }

    /** Prints how the run ended; the exit code is 130 when Ctrl-C stopped it (after a checkpoint), 0 otherwise. */
    static int report(CommandLine.Model.CommandSpec spec, RunSummary summary, Path dir, Interruption interruption) {
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %d rounds in %.1f s; test accuracy %.4f (best %.4f at round %d); %s%n",
                summary.scenario(), summary.rounds(), summary.wallSeconds(), summary.finalTestAccuracy(),
                summary.bestTestAccuracy(), summary.bestRound(), summary.stopReason());
        o.printf("results: %s%n", dir);
        o.flush();
        return interruption.requested() && summary.stopReason().startsWith("interrupted") ? Interruption.EXIT_CODE : 0;
    }

    /** Writing the results failed: the folder is not writable or not a folder, or the disk is full. */
    static FedSimException cannotWrite(Path dir, IOException e) {
        String reason = e instanceof AccessDeniedException ? e.getMessage() + ": permission denied" : e.getMessage();
        return new FedSimException("could not write the results to " + dir + ": " + reason, e);
    }

    /** results/NAME-yyyyMMdd-HHmmss, with a -2, -3, ... suffix when two runs start in the same second. */
    static Path freshFolder(Path base, String name) {
        Path candidate = base.resolve(name + "-" + LocalDateTime.now().format(STAMP));
        Path dir = candidate;
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of(candidate + "-" + i);
        }
        return dir;
    }

    static void refuseNonEmpty(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            throw new FedSimException("--out " + dir + ": is a file; expected a folder for the results");
        }
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new FedSimException("--out " + dir + ": the folder is not empty; results are never written over "
                            + "an earlier run's. Choose a new folder or remove this one.");
                }
            }
        }
    }
}
