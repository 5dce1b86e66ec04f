package io.fedsim.core.data;

import io.fedsim.core.rng.Rng;

/**
 * Splits a training set over clients: the heart of a federated benchmark's statistical heterogeneity.
 * Row k of the result holds the sample indices of client k in ascending order; schemes that promise it
 * (all built-in ones except shards, which may leave the last {@code n mod (K*s)} samples out) cover every
 * sample exactly once. All randomness comes from {@code rng}, so a seed fixes the split.
 */
public interface Partitioner {
    int[][] split(Dataset train, int numClients, Rng rng);

    /** Client indices into shards of {@code train}. */
    default Shard[] shards(Dataset train, int numClients, Rng rng) {
        int[][] rows = split(train, numClients, rng);
        Shard[] shards = new Shard[rows.length];
        for (int k = 0; k < rows.length; k++) {
            shards[k] = new Shard(train, rows[k]);
        }
        return shards;
    }
}
