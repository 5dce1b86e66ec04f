package io.fedsim.coordinator.strategy;

/** Shared aggregation maths as static kernels over flat parameter arrays. */
public final class Kernels {
    private Kernels() {
    }

    /** {@code acc[i] += weight * x[i]}: one term of a running weighted sum. */
    public static void addScaled(float[] acc, float[] x, float weight) {
        if (acc.length != x.length) {
            throw new IllegalArgumentException("length " + x.length + " does not match the accumulator's " + acc.length);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += weight * x[i];
        }
    }

    /**
     * The weighted mean of the deltas, {@code sum_k (n_k / sum_j n_j) * delta_k}, accumulated in the given
     * order into one running sum (never holding a second copy of the updates).
     */
    public static float[] weightedMeanOfDeltas(java.util.List<ClientResult> results, int length) {
        long total = 0;
        for (ClientResult r : results) {
            total += r.numSamples();
        }
        float[] mean = new float[length];
        if (total == 0) {
            return mean;
        }
        for (ClientResult r : results) {
            addScaled(mean, r.delta(), (float) ((double) r.numSamples() / total));
        }
        return mean;
    }

    /** The results' deltas as the rows of a matrix, in the results' order; the rows are not copied. */
    public static float[][] deltas(java.util.List<ClientResult> results) {
        return results.stream().map(ClientResult::delta).toArray(float[][]::new);
    }

    /** Checks a server learning rate, as every strategy takes one. */
    static float serverLearningRate(double eta) {
        if (!(eta > 0)) {
            throw new IllegalArgumentException("server learning rate must be > 0, was " + eta);
        }
        return (float) eta;
    }

    /** Checks f, the number of byzantine clients a robust rule tolerates. */
    static int byzantineClients(int f) {
        if (f < 0) {
            throw new IllegalArgumentException("byzantine clients f must be >= 0, was " + f);
        }
        return f;
    }

    /** {@code base + scale * step}, as a new array. */
    public static float[] plusScaled(float[] base, float[] step, float scale) {
        float[] out = base.clone();
        addScaled(out, step, scale);
        return out;
    }
}
