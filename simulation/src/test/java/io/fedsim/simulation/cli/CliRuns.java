package io.fedsim.simulation.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Test helper: writes scenario files into a folder and runs the fedsim command line on them. */
final class CliRuns {
    /** Ten clients, five per round, five rounds of logistic regression on small, well-separated blobs. */
    static final String TINY = """
            rounds = 5
            seed = 3
            data {
              source = blobs
              blobs { features = 4, classes = 3, train-samples = 300, test-samples = 90, center-std = 3.0, noise-std = 0.5 }
            }
            clients { count = 10, fraction = 0.5, batch-size = 10, learning-rate = 0.1 }
            model { type = logreg }
            round { timeout = 30s }
            """;

    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private final Path dir;

    CliRuns(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code text} to {@code name} in the folder and returns its path. */
    Path write(String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code fedsim args...}, capturing what picocli and the commands print. */
    static Result fedsim(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FedSimCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = cli.execute(strings);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code text} as scenario {@code name}.conf with results in {@code out}; expects success. */
    Result runOk(String name, String text, Path out, String... extra) {
        Path file = write(name + ".conf", text);
        Object[] args = new Object[4 + extra.length];
        args[0] = "run";
        args[1] = file;
        args[2] = "--out";
        args[3] = out;
        System.arraycopy(extra, 0, args, 4, extra.length);
        Result r = fedsim(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("fedsim run failed with " + r.exitCode() + ":\n" + r.err());
        }
        return r;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object (summary.json or one metrics.jsonl line), read with Typesafe Config's JSON parser. */
    static Config json(String text) {
        return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    }
}
