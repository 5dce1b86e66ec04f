package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.report.CompareReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedsim compare DIR1 DIR2 ... --out DIR}: overlays finished runs in one report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Overlay finished runs (test accuracy, test loss and epsilon against rounds) in DIR/report.html "
                + "and DIR/charts/.",
                "Each run is labelled by the scenario keys in which the runs differ (from their scenario.conf), or by "
                        + "its scenario name when more than three keys differ."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", arity = "2..*", description = "Results folders written by fedsim run.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the comparison.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path run : runs) {
            if (!Files.isDirectory(run)) {
                throw new FedSimException(run + ": no such folder; expected a results folder written by fedsim run");
            }
        }
        Path target = out.toAbsolutePath().normalize();
        if (runs.stream().anyMatch(run -> run.toAbsolutePath().normalize().equals(target))) {
            throw new FedSimException("--out " + out + ": is one of the runs compared; its own report.html would be "
                    + "overwritten. Choose another folder.");
        }
        if (Files.isRegularFile(out)) {
            throw new FedSimException("--out " + out + ": is a file; expected a folder for the comparison");
        }
        Path report;
        try {
            report = CompareReport.write(runs, out);
        } catch (IOException e) {
            throw RunCommand.cannotWrite(out, e);
        }
        spec.commandLine().getOut().printf("report: %s%n", report);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
