package io.fedsim.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For tests that press Ctrl-C on a child process. A process started in the background by a shell without job
 * control (e.g. {@code bash .ci/run &}) has SIGINT ignored, and so has every process it starts; a JVM that starts
 * with SIGINT ignored leaves it ignored, and {@code kill -INT} does nothing. GNU env (coreutils 8.31 and later)
 * gives a child its default SIGINT back.
 */
public final class DefaultSigint {
    private static final List<String> PREFIX = envResetsSigint() ? List.of("env", "--default-signal=INT") : List.of();

    private DefaultSigint() {
    }

    /** What to put before a child's command line so that it gets SIGINT's default action; empty if env cannot. */
    public static List<String> prefix() {
        return PREFIX;
    }

    /** Whether a child started with {@link #prefix()} would still ignore SIGINT. */
    public static boolean ignoredInChildren() {
        return PREFIX.isEmpty() && ignoredHere();
    }

    /** Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status). */
    static boolean ignoredHere() {
        Path status = Path.of("/proc/self/status");
        try {
            if (!Files.exists(status)) {
                return false;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring(7).trim(), 16) & 2L) != 0;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean envResetsSigint() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
