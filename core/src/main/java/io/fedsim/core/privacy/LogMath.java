package io.fedsim.core.privacy;

/** Arithmetic on numbers held as their natural logarithms, and log erfc, for the RDP accountant. */
final class LogMath {
    private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private LogMath() {
    }

    /** log(e^a + e^b). */
    static double logAdd(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        if (lo == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + Math.log1p(Math.exp(lo - hi));
    }

    /** log(e^a - e^b), for a >= b. */
    static double logSub(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a < b) {
            throw new ArithmeticException("logSub: the result would be negative (" + a + " < " + b + ")");
        }
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(Math.expm1(a - b)) + b;
    }

    /**
     * log(erfc(x)) to near double precision for every x: by 1 - erf(x) from erf's Taylor series where
     * |x| < 2.5, and by the continued fraction erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + ...)))
     * beyond, which also stays finite where erfc itself underflows.
     */
    static double logErfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (Math.abs(x) < 1) {
            return Math.log(1 - erfSeries(x));
        }
        if (x < 0) {
            return Math.log(2 - Math.exp(logErfcContinuedFraction(-x)));
        }
        return logErfcContinuedFraction(x);
    }

    /** erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1)). */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** For x >= 1: -x^2 - log(sqrt(pi)) + log(K(x)), K the continued fraction, by modified Lentz. */
    private static double logErfcContinuedFraction(double x) {
        // K(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))): partial numerators k/2, k = 1, 2, ...
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 10_000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return -x * x - LOG_SQRT_PI - Math.log(f);
    }
}
