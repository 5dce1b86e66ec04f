package io.fedsim.client;

/**
 * What a client is told to do in one round: E local epochs of minibatch SGD with batch size B
 * ({@code 0} means the whole local dataset, McMahan's B = infinity) and a learning rate.
 */
public record TrainingPlan(int epochs, int batchSize, float learningRate) {
    public TrainingPlan {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0 (0 = full batch), was " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
    }

    /** The batch size used on a shard of {@code shardSize} samples. */
    public int effectiveBatchSize(int shardSize) {
        return batchSize == 0 ? Math.max(1, shardSize) : batchSize;
    }
}
