package io.fedsim.core.data;

import java.util.Objects;

/** One client's private data: the indices of its samples in a shared {@link Dataset}. A view, not a copy. */
public record Shard(Dataset data, int[] indices) {
    public Shard {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(indices, "indices");
    }

    public int size() {
        return indices.length;
    }

    /** Samples of each class in this shard. */
    public int[] labelCounts() {
        int[] counts = new int[data.numClasses()];
        for (int i : indices) {
            counts[data.label(i)]++;
        }
        return counts;
    }
}
