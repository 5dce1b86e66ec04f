package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fedsim} command. Exit codes: 0 success, 2 a user error (bad scenario, missing or malformed
 * file, bad argument: one clear message, no stack trace), 1 an internal failure, 130 a run stopped by
 * Ctrl-C (after a checkpoint).
 */
@Command(name = "fedsim", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Federated learning simulation on Akka actors and ND4J.",
        subcommands = {RunCommand.class, NodeCommand.class, ResumeCommand.class, SweepCommand.class, BenchCommand.class,
                ReportCommand.class, CompareCommand.class, PartitionCommand.class, ValidateCommand.class,
                PrivacyCommand.class,
                StrategiesCommand.class, CommandLine.HelpCommand.class})
public final class FedSimCli implements Runnable {
    public static final int USER_ERROR = 2;
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FedSimCli());
        cli.setExecutionExceptionHandler(FedSimCli::handle);
        cli.setParameterExceptionHandler(FedSimCli::handleParameterError);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof FedSimException) {
            err.println("fedsim: error: " + e.getMessage());
            err.flush();
            return USER_ERROR;
        }
        err.println("fedsim: internal error (please report it, with the command and scenario): " + e);
        e.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }

    private static int handleParameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("fedsim: error: " + e.getMessage());
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USER_ERROR;
    }
}
