package io.fedsim.simulation.cli;

import io.fedsim.coordinator.checkpoint.StopRequest;
import java.io.PrintStream;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run: the first asks the run to stop after its current round, with a checkpoint; the
 * second stops the process at once. A JVM shutdown hook cannot do this (shutdown cannot be called off, and
 * a second Ctrl-C during it does nothing), so this takes over SIGINT while the run lasts and then gives it
 * back.
 */
final class Interruption implements AutoCloseable {
    /** The shell's exit code for a process ended by SIGINT (128 + 2). */
    static final int EXIT_CODE = 130;

    private final StopRequest stop = new StopRequest();
    private final SignalHandler previous;
    private final PrintStream err;

    private Interruption(PrintStream err) {
        this.err = err;
        SignalHandler installed;
        try {
            installed = Signal.handle(new Signal("INT"), signal -> onSignal());
        } catch (IllegalArgumentException e) { // no SIGINT on this platform, or the JVM runs with -Xrs
            installed = null;
        }
        this.previous = installed;
    }

    static Interruption install(PrintStream err) {
        return new Interruption(err);
    }

    StopRequest stopRequest() {
        return stop;
    }

    boolean requested() {
        return stop.isRequested();
    }

    private void onSignal() {
        if (stop.isRequested()) {
            err.println();
            err.println("fedsim: stopped at once; the run continues from its last checkpoint with fedsim resume");
            err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        stop.request();
        err.println();
        err.println("fedsim: stopping after this round, with a checkpoint (Ctrl-C again to stop at once)");
        err.flush();
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
