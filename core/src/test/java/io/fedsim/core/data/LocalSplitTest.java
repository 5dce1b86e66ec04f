package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.rng.Rng;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalSplitTest {
    private static final Dataset DATA = new Dataset("d", new float[100], new int[100], 1, 1);

    private static Shard shard(int... indices) {
        return new Shard(DATA, indices);
    }

    @Test
    void partsAreDisjointSortedAndCoverTheShard() {
        int[] indices = IntStream.range(0, 50).map(i -> 2 * i).toArray(); // 0, 2, ..., 98
        LocalSplit split = LocalSplit.of(shard(indices), 0.2, Rng.derive(7, "local-split", 3));
        assertThat(split.test().size()).isEqualTo(10);
        assertThat(split.train().size()).isEqualTo(40);
        assertThat(split.test().indices()).isSorted();
        assertThat(split.train().indices()).isSorted();
        assertThat(split.train().indices()).doesNotContain(split.test().indices());
        int[] union = IntStream.concat(Arrays.stream(split.train().indices()), Arrays.stream(split.test().indices()))
                .sorted().toArray();
        assertThat(union).containsExactly(indices);
    }

    @Test
    void sameGeneratorGivesTheSameSplitAndAnotherClientAnother() {
        int[] indices = IntStream.range(0, 100).toArray();
        LocalSplit a = LocalSplit.of(shard(indices), 0.3, Rng.derive(7, "local-split", 3));
        LocalSplit b = LocalSplit.of(shard(indices), 0.3, Rng.derive(7, "local-split", 3));
        LocalSplit c = LocalSplit.of(shard(indices), 0.3, Rng.derive(7, "local-split", 4));
        assertThat(a.test().indices()).containsExactly(b.test().indices());
        assertThat(a.train().indices()).containsExactly(b.train().indices());
        assertThat(c.test().indices()).isNotEqualTo(a.test().indices());
    }

    @Test
    void smallShardsKeepSomethingOnBothSides() {
        assertThat(LocalSplit.of(shard(5, 6), 0.1, new Rng(1)).test().size()).isEqualTo(1);   // round(0.2) = 0 -> 1
        assertThat(LocalSplit.of(shard(5, 6), 0.9, new Rng(1)).train().size()).isEqualTo(1); // round(1.8) = 2 -> 1
        LocalSplit one = LocalSplit.of(shard(5), 0.5, new Rng(1));
        assertThat(one.train().indices()).containsExactly(5);
        assertThat(one.test().size()).isZero();
        assertThat(LocalSplit.of(shard(0, 1, 2, 3, 4, 5, 6), 0.5, new Rng(1)).test().size()).isEqualTo(4); // round(3.5)
    }

    @Test
    void rejectsFractionsOutsideTheOpenInterval() {
        assertThatThrownBy(() -> LocalSplit.of(shard(1, 2), 1.0, new Rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalSplit.of(shard(1, 2), 0.0, new Rng(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
