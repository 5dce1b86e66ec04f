package io.fedsim.core.privacy;

import io.fedsim.core.rng.Rng;

/** The Gaussian mechanism's noise: i.i.d. N(0, std^2) added to every coordinate, from an explicit generator. */
public final class GaussianNoise {
    private GaussianNoise() {
    }

    /** {@code v[i] += N(0, std^2)}, in place, drawing from {@code rng} in coordinate order. */
    public static void addTo(float[] v, double std, Rng rng) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("noise standard deviation must be finite and >= 0, was " + std);
        }
        if (std == 0) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (std * rng.nextGaussian());
        }
    }
}
