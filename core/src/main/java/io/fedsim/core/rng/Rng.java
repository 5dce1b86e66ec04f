package io.fedsim.core.rng;

import java.nio.charset.StandardCharsets;

/**
 * A small, fast, seedable random generator (SplitMix64) whose every draw is specified here, so the same
 * seed gives the same stream on every JDK. FedSim has no global generator: each random purpose gets its
 * own {@code Rng} derived from the scenario seed with {@link #derive(long, String, long...)}, so adding a
 * draw in one place never shifts the draws of another, and thread timing cannot change a result.
 *
 * <p>Not thread-safe: one instance belongs to one task.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * A generator for one purpose, e.g. {@code derive(seed, "sample", round)} or
     * {@code derive(seed, "client", round, clientId)}. Distinct (purpose, ids) give independent streams.
     */
    public static Rng derive(long seed, String purpose, long... ids) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h + GOLDEN_GAMMA + (b & 0xFF));
        }
        for (long id : ids) {
            h = mix(h + GOLDEN_GAMMA + id);
            h = mix(h ^ 0x3C6EF372FE94F82BL);
        }
        return new Rng(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [lo, hi). */
    public double nextUniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Standard normal, by Marsaglia's polar method (the second value of each pair is kept for the next call). */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpareGaussian = true;
        return u * f;
    }

    /** Normal with the given mean and standard deviation. */
    public double nextGaussian(double mean, double std) {
        return mean + std * nextGaussian();
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape below 1 by the boost u^(1/shape). */
    public double nextGamma(double shape) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("gamma shape must be > 0: " + shape);
        }
        if (shape < 1) {
            double u = nextDouble();
            while (u == 0) {
                u = nextDouble();
            }
            return nextGamma(shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A point of the probability simplex drawn from Dirichlet(alpha, ..., alpha) of the given dimension. */
    public double[] nextDirichlet(double alpha, int dimension) {
        double[] p = new double[dimension];
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            p[i] = nextGamma(alpha);
            sum += p[i];
        }
        if (sum == 0) { // all draws underflowed (tiny alpha): put the mass on one coordinate
            p[nextInt(dimension)] = 1;
            return p;
        }
        for (int i = 0; i < dimension; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Shuffles in place (Fisher-Yates). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** 0, 1, ..., n-1 in a random order. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** k distinct values of [0, n) in ascending order, chosen uniformly (Floyd's algorithm, then sorted). */
    public int[] sampleWithoutReplacement(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + n + " without replacement");
        }
        java.util.BitSet chosen = new java.util.BitSet(n);
        for (int j = n - k; j < n; j++) {
            int t = nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        return chosen.stream().toArray();
    }
}
