package io.fedsim.client.uplink;

import io.fedsim.core.rng.Rng;

/**
 * Unbiased stochastic quantisation with a per-update min/max scale (QSGD-style randomised rounding,
 * Alistarh et al. 2017, on a uniform grid between the update's own minimum and maximum): with
 * L = 2^bits - 1 levels spaced s = (max - min) / L apart, a value x sits at t = (x - min) / s and is sent as
 * floor(t) + 1 with probability t - floor(t), else floor(t). So E[decoded] = x exactly (up to float
 * rounding) and the error of one coordinate is at most s. min/max rather than the norm: the grid then
 * covers exactly the update's range, which for the small, dense updates of FL wastes no levels.
 */
public final class StochasticQuantiser {
    private StochasticQuantiser() {
    }

    /** Quantises {@code values} to {@code bits} (8 or 4) bits and encodes it ({@link WireFormat#quantised}). */
    public static byte[] encode(float[] values, int bits, Rng rng) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) {
            min = 0;
            max = 0;
        }
        int top = (1 << bits) - 1;
        double step = ((double) max - min) / top;
        int[] levels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(step > 0)) {
                levels[i] = 0; // constant (or non-finite) update: every value is min
                continue;
            }
            double t = (values[i] - (double) min) / step;
            int low = (int) Math.min(top, Math.max(0, Math.floor(t)));
            double up = t - low;
            levels[i] = up > 0 && low < top && rng.nextDouble() < up ? low + 1 : low;
        }
        return WireFormat.quantised(bits, min, max, levels);
    }

    /** The value level {@code level} stands for on the grid of [min, max] with 2^bits - 1 steps. */
    public static float level(float min, float max, int bits, int level) {
        int top = (1 << bits) - 1;
        if (level == top) {
            return max;
        }
        return (float) (min + level * (((double) max - min) / top));
    }
}
