package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.data.LabelCounts.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelCountsTest {
    // labels by sample index:   0  1  2  3  4  5  6  7
    private static final Dataset DATA = new Dataset("d", new float[8], new int[] {2, 0, 2, 1, 2, 0, 0, 2}, 1, 3);

    private static final List<Shard> SHARDS = List.of(
            new Shard(DATA, new int[] {0, 2, 4}),    // client 0: three of label 2
            new Shard(DATA, new int[] {1, 3, 7}),    // client 1: one each of 0, 1, 2
            new Shard(DATA, new int[] {5, 6}));      // client 2: two of label 0

    @Test
    void rowsListPositiveCountsByClientThenLabel() {
        assertThat(LabelCounts.rows(SHARDS)).containsExactly(
                new Row(0, 2, 3),
                new Row(1, 0, 1), new Row(1, 1, 1), new Row(1, 2, 1),
                new Row(2, 0, 2));
    }

    @Test
    void labelsAndSamplesPerClient() {
        assertThat(LabelCounts.labelsPerClient(SHARDS)).containsExactly(1, 3, 1);
        assertThat(LabelCounts.samplesPerClient(SHARDS)).containsExactly(3, 3, 2);
    }

    @Test
    void anEmptyShardHasNoRows() {
        assertThat(LabelCounts.rows(List.of(new Shard(DATA, new int[0])))).isEmpty();
    }
}
