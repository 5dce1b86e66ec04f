package io.fedsim.core.data;

import io.fedsim.core.rng.Rng;
import java.util.Arrays;

/**
 * One client's shard split into a local training part and a local test part, for federated evaluation
 * (the global model measured on each client's own, held-out data). The test part is drawn by a seeded
 * shuffle of the shard: {@code round(testFraction * n)} samples, but at least one and at most {@code n - 1}
 * so that both parts are non-empty; a shard of one sample keeps it for training and has no local test data.
 * Both parts list their indices in ascending order, like every shard.
 */
public record LocalSplit(Shard train, Shard test) {

    /** @param rng the client's own generator, e.g. {@code Rng.derive(seed, "local-split", clientId)} */
    public static LocalSplit of(Shard shard, double testFraction, Rng rng) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        int n = shard.size();
        int testSize = n < 2 ? 0 : (int) Math.max(1, Math.min(n - 1, Math.round(testFraction * n)));
        int[] order = shard.indices().clone();
        rng.shuffle(order);
        int[] test = Arrays.copyOfRange(order, 0, testSize);
        int[] train = Arrays.copyOfRange(order, testSize, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new LocalSplit(new Shard(shard.data(), train), new Shard(shard.data(), test));
    }
}
