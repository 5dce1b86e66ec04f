package io.fedsim.simulation.scenario;

import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every violated constraint of one record before throwing, so a compact constructor reports
 * all of its bad fields at once. Comparisons are written so that NaN always fails.
 */
final class Checks {
    private final List<Problem> problems = new ArrayList<>();

    Checks atLeast(String path, long value, long min) {
        return require(value >= min, path, "must be >= " + min + ", was " + value);
    }

    Checks positive(String path, double value) {
        return require(value > 0, path, "must be > 0, was " + show(value));
    }

    Checks nonNegative(String path, double value) {
        return require(value >= 0, path, "must be >= 0, was " + show(value));
    }

    /** The interval (0, 1]: fractions of a whole where "none" makes no sense. */
    Checks inUnitInterval(String path, double value) {
        return require(value > 0 && value <= 1, path, "must be in (0, 1], was " + show(value));
    }

    /** The open interval (0, 1): a split that must leave something on both sides. */
    Checks inOpenUnitInterval(String path, double value) {
        return require(value > 0 && value < 1, path, "must be in (0, 1), was " + show(value));
    }

    Checks require(boolean ok, String path, String detail) {
        if (!ok) {
            problems.add(Problem.at(path, detail));
        }
        return this;
    }

    void done() {
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    /** Whole numbers print without ".0", as the user most likely wrote them. */
    static String show(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
