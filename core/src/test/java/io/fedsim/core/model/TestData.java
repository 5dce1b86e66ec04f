package io.fedsim.core.model;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.rng.Rng;

/** Small seeded datasets for the model tests. */
final class TestData {

    private TestData() {
    }

    /** {@code n} samples with N(0, 1) features and uniform labels. */
    static Dataset gaussian(long seed, int n, int features, int classes) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return new Dataset("gaussian", x, y, features, classes);
    }

    /** Parameters uniform in +-scale, so that no gradient is trivially zero. */
    static float[] randomParameters(long seed, int count, double scale) {
        Rng rng = new Rng(seed);
        float[] p = new float[count];
        for (int i = 0; i < count; i++) {
            p[i] = (float) rng.nextUniform(-scale, scale);
        }
        return p;
    }

    static int[] range(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
