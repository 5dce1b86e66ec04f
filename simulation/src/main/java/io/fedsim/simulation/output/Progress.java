package io.fedsim.simulation.output;

import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: on a terminal, one self-redrawing bar line (round, accuracy, loss, elapsed, ETA);
 * otherwise (CI, a pipe, a file) one plain log line per evaluated round.
 */
public final class Progress implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final int BAR_WIDTH = 24;

    private final int rounds;
    private final PrintStream terminal;
    private double lastAccuracy = Double.NaN;
    private double lastLoss = Double.NaN;

    /** @param terminal where to draw the bar, or null to log plain lines instead */
    public Progress(int rounds, PrintStream terminal) {
        this.rounds = rounds;
        this.terminal = terminal;
    }

    /** A bar on stderr when both streams are a terminal, plain log lines otherwise. */
    public static Progress forConsole(int rounds) {
        return new Progress(rounds, System.console() != null ? System.err : null);
    }

    @Override
    public void onRound(RoundRecord r) {
        if (r.evaluated()) {
            lastAccuracy = r.testAccuracy();
            lastLoss = r.testLoss();
        }
        if (terminal != null) {
            terminal.print("\r" + bar(r) + (r.round() == rounds ? "\n" : ""));
            terminal.flush();
        } else if (r.evaluated() || r.skipReason() != null) {
            LOG.info(String.format(Locale.ROOT, "round %d/%d: test accuracy %.4f, test loss %.4f, train loss %.4f, %d/%d clients%s%s",
                    r.round(), rounds, r.testAccuracy(), r.testLoss(), r.trainLoss(), r.clientsCompleted(), r.clientsSampled(),
                    epsilon(r), r.skipReason() == null ? "" : ", skipped: " + r.skipReason()));
        }
    }

    private static String epsilon(RoundRecord r) {
        Double eps = r.extra().get("epsilon");
        return eps == null ? "" : String.format(Locale.ROOT, ", epsilon %.3f", eps);
    }

    /** Ends the bar's line early (a run stopped before its last round). */
    public void finish() {
        if (terminal != null) {
            terminal.println();
        }
    }

    String bar(RoundRecord r) {
        int filled = (int) Math.round((double) BAR_WIDTH * r.round() / rounds);
        double eta = r.wallSeconds() / r.round() * (rounds - r.round());
        return String.format(Locale.ROOT, "[%s%s] round %d/%d  acc %s  loss %s%s  %s elapsed, ETA %s ",
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), r.round(), rounds,
                Double.isNaN(lastAccuracy) ? "  -   " : String.format(Locale.ROOT, "%.4f", lastAccuracy),
                Double.isNaN(lastLoss) ? "  -   " : String.format(Locale.ROOT, "%.4f", lastLoss),
                epsilon(r).replace(",", " "), clock(r.wallSeconds()), clock(eta));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
