package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;
import java.util.Map;
import java.util.TreeMap;

/**
 * Natural split: one client per group id of the dataset (the writer in FEMNIST, the speaking role in
 * Shakespeare, the device in FedProx Synthetic), clients in ascending group order. Deterministic: the
 * {@code rng} is not used.
 */
public final class NaturalPartitioner implements Partitioner {
    @Override
    public int[][] split(Dataset train, int numClients, Rng rng) {
        if (!train.hasGroups()) {
            throw new FedSimException("partition 'natural': the training set " + train.name() + " has no natural "
                    + "client (group) ids; use a dataset that has them (LEAF, FedProx synthetic, a CSV with a group "
                    + "column) or another partition scheme.");
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < train.size(); i++) {
            counts.merge(train.group(i), 1, Integer::sum);
        }
        if (numClients != counts.size()) {
            throw new FedSimException("partition 'natural': " + numClients + " clients requested, but the training set "
                    + train.name() + " has " + counts.size() + " groups; set the number of clients to "
                    + counts.size() + ".");
        }
        Map<Integer, Integer> clientOf = new TreeMap<>();
        int[][] rows = new int[numClients][];
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            rows[clientOf.size()] = new int[e.getValue()];
            clientOf.put(e.getKey(), clientOf.size());
        }
        int[] fill = new int[numClients];
        for (int i = 0; i < train.size(); i++) {
            int k = clientOf.get(train.group(i));
            rows[k][fill[k]++] = i;
        }
        return rows;
    }

    @Override
    public String toString() {
        return "natural";
    }
}
