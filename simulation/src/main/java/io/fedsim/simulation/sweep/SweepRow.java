package io.fedsim.simulation.sweep;

import io.fedsim.simulation.output.RunSummary;
import java.util.Objects;

/**
 * One finished run of a sweep, as a row of sweep.csv.
 *
 * @param epsilon the privacy spent, at {@code delta}: NaN when the run is not private, +Infinity when it is
 *                private without noise (noise multiplier 0)
 * @param delta   NaN when the run is not private
 * @param runDir  the run's folder, relative to the sweep's folder
 */
public record SweepRow(SweepPoint point, double finalTestAccuracy, double bestTestAccuracy, double epsilon,
                       double delta, int rounds, double wallSeconds, String runDir) {

    public SweepRow {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(runDir, "runDir");
    }

    static SweepRow of(SweepPoint point, RunSummary summary, String runDir) {
        return new SweepRow(point, summary.finalTestAccuracy(), summary.bestTestAccuracy(),
                number(summary, "epsilon"), number(summary, "delta"), summary.rounds(), summary.wallSeconds(), runDir);
    }

    /** A private run: epsilon was accounted (finite, or infinite without noise). */
    public boolean isPrivate() {
        return !Double.isNaN(epsilon);
    }

    /** A private run with a finite epsilon: a point on the trade-off chart. */
    public boolean hasFiniteEpsilon() {
        return isPrivate() && !Double.isInfinite(epsilon);
    }

    private static double number(RunSummary summary, String key) {
        Object v = summary.details().get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
