package io.fedsim.client.attack;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;

/** Label flipping: a shard that reads every label y as C - 1 - y. */
public final class LabelFlip {
    private LabelFlip() {
    }

    /**
     * The dataset with flipped labels. The features are shared, not copied (only the label array is new),
     * so every attacker's shard can point into one flipped view.
     */
    public static Dataset flipped(Dataset data) {
        int[] labels = data.labels();
        int[] flipped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            flipped[i] = data.numClasses() - 1 - labels[i];
        }
        return data.withLabels(flipped);
    }

    /** The same samples of {@code shard} seen through {@code flippedData}, a {@link #flipped} view of its dataset. */
    public static Shard of(Shard shard, Dataset flippedData) {
        if (flippedData.size() != shard.data().size()) {
            throw new IllegalArgumentException("the flipped dataset is not a view of the shard's dataset");
        }
        return new Shard(flippedData, shard.indices());
    }
}
