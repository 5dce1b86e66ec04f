package io.fedsim.simulation.cli;

import io.fedsim.client.TrainingMeter;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.bench.BenchRun;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedsim bench [FILE] [--rounds N]}: runs a scenario (by default the MNIST 2NN IID setup, on MNIST-shaped
 * blobs unless {@code --set data.dir=...} points at MNIST) and prints one line of {@code key=value} figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a scenario as a benchmark and print one line of key=value figures: samples_per_sec "
                + "(local training, per second of whole rounds), train_samples_per_sec (per second of local training "
                + "alone, as the hand-written peers count), rounds_per_sec, overhead_ms_per_round (each round's time "
                + "outside its local-training span: sampling, messages, aggregation, metrics), startup_seconds (to the "
                + "first local training), peak_heap_mb, peak_rss_mb; live_heap_start_mb and live_heap_end_mb (the heap "
                + "after a full GC forced at the end of the warm-up and of the last round, outside the timed rounds) "
                + "and live_heap_mb_per_round; heap_after_gc_first_mb, heap_after_gc_last_mb, "
                + "heap_after_gc_mb_per_round (least-squares slope) and heap_after_gc_samples, from the GCs the JVM "
                + "ran by itself; full_gcs between the two live readings.",
                "Without FILE: the MNIST 2NN IID setup (K=100, C=0.1, E=1, B=10), on MNIST-shaped Gaussian blobs unless "
                        + "--set data.dir=DIR names the MNIST files. Central evaluation runs only after the last "
                        + "round, which is not measured, nor are the --warmup rounds. Checkpoints too are taken only when the run "
                        + "stops, unless --set checkpoint.every=N measures them in."})
final class BenchCommand implements Callable<Integer> {
    private static final String DEFAULT_SCENARIO = "/fedsim/bench-2nn.conf";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The scenario (default: the 2NN IID benchmark).")
    Path file;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds to run (default: the scenario's; 20 for the default).")
    Integer rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Rounds left out of the figures while the JIT warms up (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the run's results here (default: a temporary folder, deleted).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (rounds != null && rounds < 1) {
            throw new FedSimException("--rounds " + rounds + ": expected a number of rounds >= 1");
        }
        if (warmup < 0) {
            throw new FedSimException("--warmup " + warmup + ": expected a number of rounds >= 0");
        }
        Path scenarioFile = file;
        Path scratch = Files.createTempDirectory("fedsim-bench");
        try {
            if (scenarioFile == null) {
                scenarioFile = scratch.resolve("bench-2nn.conf");
                try (InputStream in = BenchCommand.class.getResourceAsStream(DEFAULT_SCENARIO)) {
                    Files.copy(in, scenarioFile);
                }
            }
            List<String> all = new ArrayList<>(overrides);
            if (rounds != null) {
                all.add("rounds=" + rounds);
            }
            int total = rounds != null ? rounds : Integer.MAX_VALUE;
            int last = Math.max(1, total == Integer.MAX_VALUE ? 1_000_000 : total);
            all.add("eval-every=" + last);
            if (overrides.stream().noneMatch(o -> o.startsWith("checkpoint.every="))) {
                // a checkpoint's cost depends on how often the user asks for one: left out unless asked for
                all.add("checkpoint.every=" + last);
            }
            var scenario = new ScenarioLoader(Components.strategyNames()).load(scenarioFile, all);
            Path dir = out != null ? out : scratch.resolve("results");
            if (out != null) {
                RunCommand.refuseNonEmpty(out);
            }
            String line = BenchRun.run(scenario, dir, warmup, new TrainingMeter());
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
