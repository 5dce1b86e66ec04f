package io.fedsim.simulation.cluster;

import io.fedsim.simulation.DefaultSigint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Test helper: starts {@code fedsim node} in child JVMs (this JVM's java and test classpath), each logging to
 * its own file, and on {@link #close()} destroys every one still running, so no test leaves a process behind.
 */
final class NodeProcesses implements AutoCloseable {
    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    NodeProcesses(Path dir) {
        this.dir = dir;
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code fedsim node ARGS...}, its output going to {@code NAME.log}. */
    Process start(String name, String... args) {
        List<String> command = new ArrayList<>(DefaultSigint.prefix()); // so that interrupt() works
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.fedsim.simulation.cli.FedSimCli", "node"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().put("OMP_NUM_THREADS", "1");
        try {
            Process p = builder.start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    String logText(String name) {
        try {
            return Files.exists(log(name)) ? Files.readString(log(name), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code p} to exit and returns its exit code; fails the test (with the log) after {@code timeout}. */
    int exitCode(Process p, String name, Duration timeout) throws InterruptedException {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout.toSeconds() + " s; its log:\n" + logText(name));
        }
        return p.exitValue();
    }

    /** Sends {@code p} SIGINT, as Ctrl-C would. */
    void interrupt(Process p) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new AssertionError("kill -INT " + p.pid() + " exited with " + code);
        }
    }

    /** Polls {@code condition} every 50 ms; fails the test after {@code timeout}, showing {@code name}'s log. */
    void await(String what, Duration timeout, String name, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; the log of "
                        + name + ":\n" + logText(name));
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
