package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.report.RunReport;
import io.fedsim.simulation.report.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fedsim report DIR}: rebuilds report.html (and charts/) of a finished run from its results folder, or of a
 * finished sweep from its folder (sweep.csv and the runs' folders).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild DIR/report.html and DIR/charts/*.png from a run's results folder (scenario.conf, "
                + "metrics.csv and, when present, summary.json, clients.csv, partition.csv), or of a sweep's folder "
                + "(sweep.csv and runs/).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A results folder written by fedsim run or fedsim sweep.")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new FedSimException(dir + ": no such folder; expected a results folder written by fedsim run");
        }
        Path report;
        try {
            report = Files.isRegularFile(dir.resolve("sweep.csv")) ? SweepReport.rebuild(dir) : RunReport.write(dir);
        } catch (IOException e) {
            throw RunCommand.cannotWrite(dir, e);
        }
        spec.commandLine().getOut().printf("report: %s%n", report);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
