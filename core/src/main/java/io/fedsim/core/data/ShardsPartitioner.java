package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;
import java.util.Arrays;

/**
 * Pathological non-IID split of McMahan et al., "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data" (AISTATS 2017): sort the samples by label (stable), cut them into K*s shards of
 * floor(n / (K*s)) consecutive samples, and give each client s shards chosen at random without
 * replacement; most clients then see only s classes. The last {@code n mod (K*s)} sorted samples are left out.
 */
public final class ShardsPartitioner implements Partitioner {
    private final int shardsPerClient;

    public ShardsPartitioner(int shardsPerClient) {
        if (shardsPerClient < 1) {
            throw new FedSimException("partition 'shards': shards per client must be >= 1, was " + shardsPerClient + ".");
        }
        this.shardsPerClient = shardsPerClient;
    }

    @Override
    public int[][] split(Dataset train, int numClients, Rng rng) {
        int n = train.size();
        if (numClients < 1) {
            throw new FedSimException("partition 'shards': the number of clients must be >= 1, was " + numClients + ".");
        }
        long shards = (long) numClients * shardsPerClient;
        if (shards > n) {
            throw new FedSimException("partition 'shards': " + numClients + " clients x " + shardsPerClient
                    + " shards per client = " + shards + " shards, but the training set has only " + n
                    + " samples; use fewer clients or fewer shards per client.");
        }
        int shardSize = (int) (n / shards);
        int[] sorted = Arrays.stream(Partitions.indicesByClass(train)).flatMapToInt(Arrays::stream).toArray();
        int[] shardOrder = rng.permutation((int) shards);
        int[][] rows = new int[numClients][];
        for (int k = 0; k < numClients; k++) {
            int[] row = new int[shardsPerClient * shardSize];
            for (int s = 0; s < shardsPerClient; s++) {
                int shard = shardOrder[k * shardsPerClient + s];
                System.arraycopy(sorted, shard * shardSize, row, s * shardSize, shardSize);
            }
            Arrays.sort(row);
            rows[k] = row;
        }
        return rows;
    }

    @Override
    public String toString() {
        return "shards(" + shardsPerClient + ")";
    }
}
