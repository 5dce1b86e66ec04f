package io.fedsim.simulation.cli;

import io.fedsim.simulation.output.Progress;
import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.run.Resumption;
import io.fedsim.simulation.run.Simulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fedsim resume DIR}: continues a stopped run in its folder from its newest intact checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a stopped run (crashed, killed, or stopped with Ctrl-C) from its newest intact "
                + "checkpoint, in its own results folder.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The run's results folder.")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        Resumption from = Resumption.of(dir, warning -> {
            err.println("fedsim: warning: " + warning);
            err.flush();
        });
        Progress progress = Progress.forConsole(from.scenario().rounds());
        return RunCommand.runInterruptibly(spec, dir, progress, stop -> Simulation.resume(from, progress, stop));
    }
}
