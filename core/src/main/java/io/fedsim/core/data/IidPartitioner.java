package io.fedsim.core.data;

import io.fedsim.core.rng.Rng;

/**
 * IID split: a random permutation cut into K pieces whose sizes differ by at most one (the first
 * {@code n mod K} clients get the extra sample). McMahan et al. 2017's IID MNIST setting.
 */
public final class IidPartitioner implements Partitioner {
    @Override
    public int[][] split(Dataset train, int numClients, Rng rng) {
        int n = train.size();
        Partitions.requireClients("iid", numClients, n);
        int[] sizes = new int[numClients];
        for (int k = 0; k < numClients; k++) {
            sizes[k] = n / numClients + (k < n % numClients ? 1 : 0);
        }
        return Partitions.cut(rng.permutation(n), sizes);
    }

    @Override
    public String toString() {
        return "iid";
    }
}
