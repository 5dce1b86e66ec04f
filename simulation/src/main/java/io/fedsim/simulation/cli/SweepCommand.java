package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.report.SweepReport;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.scenario.ScenarioLoader;
import io.fedsim.simulation.sweep.SweepAxis;
import io.fedsim.simulation.sweep.SweepGrid;
import io.fedsim.simulation.sweep.SweepPlan;
import io.fedsim.simulation.sweep.SweepRow;
import io.fedsim.simulation.sweep.SweepRunner;
import io.fedsim.simulation.sweep.SweepTable;
import io.fedsim.simulation.sweep.TradeoffChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fedsim sweep FILE --vary KEY=v1,v2,...}: runs the scenario once per combination of the varied
 * values, several at a time, then writes sweep.csv, sweep.jsonl, tradeoff.png and report.html.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario over the grid (cartesian product) of the --vary values; every combination is "
                + "validated before any run starts.",
                "Writes DIR/runs/<n>-<key=value,...>/ (one results folder per run), sweep.csv, sweep.jsonl, "
                        + "tradeoff.png (test accuracy against epsilon), report.html to results/<name>-sweep-<yyyyMMdd-HHmmss>/ "
                        + "or --out DIR."})
final class SweepCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...", required = true,
            description = "A key and the values it takes, e.g. --vary privacy.noise-multiplier=0,0.5,1 (repeatable: "
                    + "the sweep runs every combination).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Write the sweep here instead of results/<name>-sweep-<time>/.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Runs at a time (default: min(cores, runs)); "
            + "each run trains on cores / N threads (at least 1).")
    Integer parallel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SweepGrid grid = new SweepGrid(vary.stream().map(SweepAxis::parse).toList());
        int cores = Runtime.getRuntime().availableProcessors();
        if (parallel != null && parallel < 1) {
            throw new FedSimException("--parallel " + parallel + ": must be at least 1");
        }
        int concurrent = parallel != null ? parallel : Math.min(cores, grid.size());
        int threads = Math.max(1, cores / concurrent);
        SweepPlan plan = SweepPlan.of(new ScenarioLoader(Components.strategyTraits()), scenario.file,
                scenario.allOverrides(), grid, threads);
        Path dir = out != null ? out : RunCommand.freshFolder(Path.of("results"), plan.baseName() + "-sweep");
        RunCommand.refuseNonEmpty(dir);
        LOG.info("sweep of {}: {} runs ({}), {} at a time with {} training thread(s) each, into {}", plan.baseName(),
                grid.size(), String.join(" x ", grid.axes().stream()
                        .map(a -> a.values().size() + " " + a.key()).toList()), concurrent, threads, dir);
        List<SweepRow> rows;
        try {
            Files.createDirectories(dir);
            rows = SweepRunner.run(plan, dir, concurrent);
            SweepTable.write(dir, plan.keys(), rows);
            TradeoffChart.write(dir.resolve("tradeoff.png"), plan.baseName(), plan.keys(), rows);
            SweepReport.write(dir, plan.baseName(), plan.keys(), rows);
        } catch (IOException e) {
            throw RunCommand.cannotWrite(dir, e);
        } catch (UncheckedIOException e) {
            throw RunCommand.cannotWrite(dir, e.getCause());
        }
        print(plan.keys(), rows, dir);
        return 0;
    }

    private void print(List<String> keys, List<SweepRow> rows, Path dir) {
        var o = spec.commandLine().getOut();
        for (SweepRow r : rows) {
            o.printf(Locale.ROOT, "%s: test accuracy %.4f (best %.4f), epsilon %s%n", r.point().describe(),
                    r.finalTestAccuracy(), r.bestTestAccuracy(), !r.isPrivate() ? "-"
                            : Double.isInfinite(r.epsilon()) ? "inf" : String.format(Locale.ROOT, "%.3f", r.epsilon()));
        }
        o.printf("results: %s (report.html, sweep.csv, sweep.jsonl, tradeoff.png; one folder per run in runs/)%n", dir);
        o.flush();
    }
}
