package io.fedsim.core.privacy;

/** L2 clipping of an update, the first half of every Gaussian mechanism on model updates. */
public final class Clipping {
    private Clipping() {
    }

    /** The L2 norm, accumulated in double. */
    public static double l2Norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    /** The factor min(1, clipNorm / norm) that brings a vector of this norm inside the clip ball. */
    public static double scale(double norm, double clipNorm) {
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("clip norm must be > 0, was " + clipNorm);
        }
        return norm <= clipNorm ? 1 : clipNorm / norm;
    }

    /** {@code v} scaled to L2 norm at most {@code clipNorm}, as a new array; {@code v} is not changed. */
    public static float[] clipped(float[] v, double clipNorm) {
        double s = scale(l2Norm(v), clipNorm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * s);
        }
        return out;
    }
}
