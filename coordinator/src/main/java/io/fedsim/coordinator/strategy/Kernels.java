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
        int k = 0;
        for (; k + 3 < results.size(); k += 4) {
            sum.add4(results.get(k), results.get(k + 1), results.get(k + 2), results.get(k + 3));
        }
        for (; k < results.size(); k++) {
            sum.add(results.get(k).delta(), results.get(k).numSamples());
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

        /**
         * Adds four results' weighted deltas in one pass, each coordinate in the order four {@link #add} calls would
         * (so the same to the bit): one pass over the accumulator instead of four, and four updates streaming from
         * memory at once, which a single stream cannot keep the memory system busy with.
         */
        void add4(ClientResult a, ClientResult b, ClientResult c, ClientResult d) {
            float[] x0 = a.delta();
            float[] x1 = b.delta();
            float[] x2 = c.delta();
            float[] x3 = d.delta();
            int n = sum.length;
            if (x0.length != n || x1.length != n || x2.length != n || x3.length != n) {
                throw new IllegalArgumentException("a delta's length does not match the accumulator's " + n);
            }
            float w0 = a.numSamples();
            float w1 = b.numSamples();
            float w2 = c.numSamples();
            float w3 = d.numSamples();
            for (int i = 0; i < n; i++) {
                sum[i] = (((sum[i] + w0 * x0[i]) + w1 * x1[i]) + w2 * x2[i]) + w3 * x3[i];
            }
            samples += (long) a.numSamples() + b.numSamples() + c.numSamples() + d.numSamples();
            terms += 4;
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
