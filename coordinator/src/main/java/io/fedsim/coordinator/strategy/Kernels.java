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
     * The weighted mean of the deltas, {@code sum_k (n_k / sum_j n_j) * delta_k}, as a {@link WeightedSum} taken
     * in the given order (never holding a second copy of the updates). When {@code results} is the round's own
     * list and the framework already summed it as the updates arrived ({@link RoundResults}), that sum is used:
     * it was taken the same way, in the same order, so the mean is the same to the bit.
     */
    public static float[] weightedMeanOfDeltas(java.util.List<ClientResult> results, int length) {
        if (results instanceof RoundResults round && round.summed().isPresent() && round.summed().get().length() == length) {
            return round.summed().get().mean();
        }
        WeightedSum sum = new WeightedSum(length);
        for (ClientResult r : results) {
            sum.add(r.delta(), r.numSamples());
        }
        return sum.mean();
    }

    /**
     * A running {@code sum_k n_k * delta_k} and {@code n = sum_k n_k}, whose mean is the sum times {@code 1 / n}.
     * Weighing by n_k while summing and dividing once at the end lets the sum start before n is known, so a
     * round can fold each update in as it arrives. Terms must be added in ascending client id for a run to be
     * reproducible: float addition is not associative.
     */
    public static final class WeightedSum {
        private final float[] sum;
        private long samples;
        private int terms;

        public WeightedSum(int length) {
            this.sum = new float[length];
        }

        /** Adds {@code numSamples * delta}. */
        public void add(float[] delta, int numSamples) {
            addScaled(sum, delta, numSamples);
            samples += numSamples;
            terms++;
        }

        public int length() {
            return sum.length;
        }

        /** How many deltas were added. */
        public int terms() {
            return terms;
        }

        /** The weighted mean as a new array; zeros when no samples were added. */
        public float[] mean() {
            float[] mean = new float[sum.length];
            if (samples == 0) {
                return mean;
            }
            float scale = (float) (1.0 / samples);
            for (int i = 0; i < mean.length; i++) {
                mean[i] = sum[i] * scale;
            }
            return mean;
        }
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
