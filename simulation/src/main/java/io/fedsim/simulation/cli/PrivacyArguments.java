package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Checks and formats the numbers of {@code fedsim privacy}. The checks live here, at the command-line
 * boundary, so that a bad value is named by its option ({@code --q}) or CSV cell ({@code file, line 3,
 * column 'q'}) instead of surfacing as the accountant's own exception.
 */
final class PrivacyArguments {
    private PrivacyArguments() {
    }

    /** The sampling rate: expected cohort size / population. */
    static double q(String where, double q) {
        if (!(q > 0 && q <= 1)) {
            throw bad(where, "must be in (0, 1]", q, "the sampling rate, expected cohort size / population");
        }
        return q;
    }

    static double sigma(String where, double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw bad(where, "must be a finite number >= 0", sigma, "the noise multiplier: noise std / clip norm");
        }
        return sigma;
    }

    static long steps(String where, long steps) {
        if (steps < 0) {
            throw new FedSimException(where + ": must be >= 0, was " + steps + " (the number of rounds, one step each).");
        }
        return steps;
    }

    static double delta(String where, double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw bad(where, "must be in (0, 1)", delta, "typically below 1 / population, e.g. 1e-5");
        }
        return delta;
    }

    static double epsilon(String where, double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw bad(where, "must be a finite number > 0", epsilon, "the target privacy budget");
        }
        return epsilon;
    }

    private static FedSimException bad(String where, String expected, double value, String meaning) {
        return new FedSimException(where + ": " + expected + ", was " + plain(value) + " (" + meaning + ").");
    }

    /**
     * A number as a person would write it: {@code 0.01}, {@code 1.1}, {@code 1000}, {@code 1e-05}. Shortest
     * round-trip digits, so nothing is lost.
     */
    static String plain(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e < 0) {
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(s.substring(e + 1));
        return String.format(java.util.Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }

    /**
     * An RDP order as it appears in the grid, {@code 16} or {@code 4.1}: the accountant builds fractional
     * orders as 1 + x / 10, which is not always the double nearest the decimal, so round to 12 digits.
     */
    static String order(double order) {
        if (Double.isNaN(order)) {
            return "";
        }
        return new BigDecimal(order).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /** The order as a number for JSON (the double nearest its decimal), or NaN (written as null). */
    static double orderValue(double order) {
        return Double.isNaN(order) ? order : Double.parseDouble(order(order));
    }

    /** {@code sigma} rounded up to 6 significant digits: epsilon falls as sigma grows, so it stays within budget. */
    static double roundUp(double sigma) {
        return new BigDecimal(sigma).round(new MathContext(6, RoundingMode.CEILING)).doubleValue();
    }
}
