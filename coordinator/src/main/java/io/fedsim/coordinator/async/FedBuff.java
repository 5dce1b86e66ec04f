package io.fedsim.coordinator.async;

/**
 * FedBuff's server side (Nguyen et al. 2022, "Federated Learning with Buffered Asynchronous Aggregation"):
 * client updates accumulate in a buffer, each scaled by its staleness weight 1 / sqrt(1 + staleness), where
 * staleness is how many server updates happened while the client trained; after K arrivals the server steps
 * {@code w <- w + eta * (1/K) * sum_k weight_k * delta_k} and empties the buffer. One accumulator, never K updates.
 */
public final class FedBuff {
    private final int bufferSize;
    private final float serverLearningRate;
    private final double[] sum;
    private int count;
    private double stalenessSum;
    private int stalenessMax;

    public FedBuff(int parameters, int bufferSize, double serverLearningRate) {
        if (bufferSize < 1 || !(serverLearningRate > 0)) {
            throw new IllegalArgumentException("buffer size >= 1 and server learning rate > 0, were " + bufferSize
                    + ", " + serverLearningRate);
        }
        this.bufferSize = bufferSize;
        this.serverLearningRate = (float) serverLearningRate;
        this.sum = new double[parameters];
    }

    /** The paper's polynomial staleness weight, 1 / sqrt(1 + staleness). */
    public static double stalenessWeight(int staleness) {
        return 1 / Math.sqrt(1.0 + staleness);
    }

    /** Adds one client's delta; true when the buffer is full and {@link #apply} is due. */
    public boolean add(float[] delta, int staleness) {
        if (delta.length != sum.length) {
            throw new IllegalArgumentException("expected " + sum.length + " parameters, got " + delta.length);
        }
        double w = stalenessWeight(staleness);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += w * delta[i];
        }
        count++;
        stalenessSum += staleness;
        stalenessMax = Math.max(stalenessMax, staleness);
        return count >= bufferSize;
    }

    /** The buffered arrivals so far. */
    public int size() {
        return count;
    }

    public double meanStaleness() {
        return count == 0 ? Double.NaN : stalenessSum / count;
    }

    public int maxStaleness() {
        return stalenessMax;
    }

    /** The new global model from {@code global} and the buffer, which is then emptied. */
    public float[] apply(float[] global) {
        float[] next = global.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += (float) (serverLearningRate * sum[i] / count);
        }
        java.util.Arrays.fill(sum, 0);
        count = 0;
        stalenessSum = 0;
        stalenessMax = 0;
        return next;
    }
}
