package io.fedsim.core.privacy;

import java.util.Arrays;

/**
 * Renyi differential privacy of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar and Zhang 2019,
 * "Renyi Differential Privacy of the Sampled Gaussian Mechanism"), composed over steps, and converted to
 * (epsilon, delta) with the bound of Balle et al. 2020, "Hypothesis Testing Interpretations and Renyi
 * Differential Privacy": eps = rdp(a) - (log(delta) + log(a)) / (a - 1) + log((a - 1) / a), minimised over
 * the orders a. Add/remove adjacency; one step = one round of client-level DP-FedAvg with sampling rate q
 * and noise multiplier sigma.
 *
 * <p>An instance accumulates the RDP of the steps taken so far, so rounds whose q or sigma change compose
 * exactly. Not thread-safe.
 */
public final class RdpAccountant {

    /** 1.1, 1.2, ..., 10.9, then 12, 13, ..., 63: the orders of the widely used open-source accountants. */
    public static final double[] DEFAULT_ORDERS = defaultOrders();

    private final double[] orders;
    private final double[] rdp;
    private double memoQ = Double.NaN;
    private double memoSigma = Double.NaN;
    private double[] memoStep;

    public RdpAccountant() {
        this(DEFAULT_ORDERS);
    }

    public RdpAccountant(double[] orders) {
        for (double a : orders) {
            if (!(a > 1)) {
                throw new IllegalArgumentException("RDP orders must be > 1, got " + a);
            }
        }
        this.orders = orders.clone();
        this.rdp = new double[orders.length];
    }

    private static double[] defaultOrders() {
        double[] orders = new double[99 + 52];
        for (int x = 1; x < 100; x++) {
            orders[x - 1] = 1 + x / 10.0;
        }
        for (int a = 12; a < 64; a++) {
            orders[99 + a - 12] = a;
        }
        return orders;
    }

    /** Composes {@code count} steps of the subsampled Gaussian with rate q and noise multiplier sigma. */
    public void step(double q, double sigma, long count) {
        checkArguments(q, sigma);
        if (count < 0) {
            throw new IllegalArgumentException("step count must be >= 0, was " + count);
        }
        if (count == 0) { // no release: nothing spent (and 0 * infinity must not turn into NaN)
            return;
        }
        double[] perStep = stepRdp(q, sigma);
        for (int i = 0; i < orders.length; i++) {
            rdp[i] += count * perStep[i];
        }
    }

    /**
     * The (epsilon, best order) that {@code count} more steps would leave, without taking them (a privacy budget's
     * look-ahead). Takes the same arithmetic as {@link #step} then {@link #spent}, so it agrees with them exactly.
     */
    public Spent spentAfter(double q, double sigma, long count, double delta) {
        checkArguments(q, sigma);
        if (count < 0) {
            throw new IllegalArgumentException("step count must be >= 0, was " + count);
        }
        if (count == 0) {
            return spent(delta);
        }
        double[] perStep = stepRdp(q, sigma);
        double[] after = rdp.clone();
        for (int i = 0; i < orders.length; i++) {
            after[i] += count * perStep[i];
        }
        return convert(orders, after, delta);
    }

    /**
     * One step's RDP at every order, remembered for the last (q, sigma): a run's rounds repeat the same pair, and
     * the series behind a fractional order costs tens of microseconds.
     */
    private double[] stepRdp(double q, double sigma) {
        if (memoStep == null || Double.compare(q, memoQ) != 0 || Double.compare(sigma, memoSigma) != 0) {
            double[] perStep = new double[orders.length];
            for (int i = 0; i < orders.length; i++) {
                perStep[i] = rdp(q, sigma, orders[i]);
            }
            memoQ = q;
            memoSigma = sigma;
            memoStep = perStep;
        }
        return memoStep;
    }

    /** The (epsilon, best order) spent so far, at {@code delta}. */
    public Spent spent(double delta) {
        return convert(orders, rdp, delta);
    }

    /** The accumulated RDP at each order (a copy), e.g. for a checkpoint. */
    public double[] rdpVector() {
        return rdp.clone();
    }

    /** Restores an accumulated RDP vector taken with {@link #rdpVector()} from an accountant with the same orders. */
    public void restore(double[] saved) {
        if (saved.length != rdp.length) {
            throw new IllegalArgumentException("saved RDP vector has " + saved.length + " orders, expected " + rdp.length);
        }
        System.arraycopy(saved, 0, rdp, 0, rdp.length);
    }

    public double[] orders() {
        return orders.clone();
    }

    /** Epsilon after {@code steps} identical steps, over the default orders. */
    public static Spent epsilon(double q, double sigma, long steps, double delta) {
        RdpAccountant a = new RdpAccountant();
        a.step(q, sigma, steps);
        return a.spent(delta);
    }

    /**
     * The smallest noise multiplier whose epsilon after {@code steps} steps at rate q is at most
     * {@code targetEpsilon} (bisection to a relative 1e-10; epsilon falls as sigma grows).
     */
    public static double noiseMultiplier(double q, double targetEpsilon, long steps, double delta) {
        if (!(targetEpsilon > 0)) {
            throw new IllegalArgumentException("target epsilon must be > 0, was " + targetEpsilon);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 to calibrate a noise multiplier, was " + steps);
        }
        double hi = 1;
        while (epsilon(q, hi, steps, delta).epsilon() > targetEpsilon) {
            hi *= 2;
            if (hi > 1e6) {
                throw new IllegalArgumentException("no noise multiplier up to 1e6 reaches epsilon " + targetEpsilon);
            }
        }
        double lo = 0;
        while (hi - lo > 1e-10 * hi) {
            double mid = (lo + hi) / 2;
            if (epsilon(q, mid, steps, delta).epsilon() > targetEpsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** RDP of one step at order {@code alpha}. */
    public static double rdp(double q, double sigma, double alpha) {
        checkArguments(q, sigma);
        if (q == 0) {
            return 0;
        }
        if (sigma == 0 || Double.isInfinite(alpha)) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        double logA = alpha == Math.rint(alpha) ? logAInteger(q, sigma, (int) alpha) : logAFractional(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    private static void checkArguments(double q, double sigma) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in [0, 1], was " + q);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise multiplier must be finite and >= 0, was " + sigma);
        }
    }

    /** log A_alpha for integer alpha: the binomial sum sum_i C(alpha,i) q^i (1-q)^(alpha-i) e^((i^2-i)/(2 sigma^2)). */
    private static double logAInteger(double q, double sigma, int alpha) {
        double logA = Double.NEGATIVE_INFINITY;
        double logBinom = 0;
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        for (int i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinom += Math.log(alpha - i + 1) - Math.log(i);
            }
            double s = logBinom + i * logQ + (alpha - i) * log1mQ + (i * (double) i - i) / (2 * sigma * sigma);
            logA = LogMath.logAdd(logA, s);
        }
        return logA;
    }

    /**
     * log A_alpha for fractional alpha: the two series of Mironov et al. (Section 3.3), with generalised
     * binomial coefficients (which change sign past alpha), summed until both terms fall below e^-30.
     */
    private static double logAFractional(double q, double sigma, double alpha) {
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double logAbsCoef = 0;
        boolean positive = true;
        double sqrt2Sigma = Math.sqrt(2) * sigma;
        for (int i = 0; ; i++) {
            if (i > 0) { // C(alpha, i) = C(alpha, i - 1) * (alpha - i + 1) / i
                double factor = alpha - i + 1;
                logAbsCoef += Math.log(Math.abs(factor)) - Math.log(i);
                positive ^= factor < 0;
            }
            double j = alpha - i;
            double logT0 = logAbsCoef + i * logQ + j * log1mQ;
            double logT1 = logAbsCoef + j * logQ + i * log1mQ;
            double logE0 = Math.log(0.5) + LogMath.logErfc((i - z0) / sqrt2Sigma);
            double logE1 = Math.log(0.5) + LogMath.logErfc((z0 - j) / sqrt2Sigma);
            double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
            if (positive) {
                logA0 = LogMath.logAdd(logA0, logS0);
                logA1 = LogMath.logAdd(logA1, logS1);
            } else {
                logA0 = LogMath.logSub(logA0, logS0);
                logA1 = LogMath.logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                break;
            }
        }
        return LogMath.logAdd(logA0, logA1);
    }

    /** The Balle et al. 2020 conversion, minimised over the orders. */
    static Spent convert(double[] orders, double[] rdp, double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
        }
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            double eps = rdp[i] - (Math.log(delta) + Math.log(a)) / (a - 1) + Math.log((a - 1) / a);
            if (eps < best) {
                best = eps;
                bestOrder = a;
            }
        }
        return new Spent(Math.max(0, best), bestOrder);
    }

    /** Epsilon and the order that gave it (NaN when every order gives infinity). */
    public record Spent(double epsilon, double bestOrder) {
    }

    @Override
    public String toString() {
        return "RdpAccountant(" + Arrays.toString(rdp) + ")";
    }
}
