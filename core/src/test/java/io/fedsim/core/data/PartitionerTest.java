package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionerTest {

    static Dataset withLabels(int numClasses, int... labels) {
        return new Dataset("t", new float[labels.length], labels, 1, numClasses);
    }

    static Dataset balanced(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return withLabels(classes, labels);
    }

    static Stream<Arguments> coveringSchemes() {
        return Stream.of(new IidPartitioner(), new DirichletPartitioner(0.5, 2), new DirichletPartitioner(100, 0),
                        new QuantitySkewPartitioner(1.5), new QuantitySkewPartitioner(0))
                .flatMap(p -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(p, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("coveringSchemes")
    void rowsAreAscendingDisjointAndCoverEverySampleAndSeedsReproduce(Partitioner p, long seed) {
        Dataset data = balanced(503, 10);
        int[][] rows = p.split(data, 20, new Rng(seed));
        assertThat(rows).hasNumberOfRows(20);
        int[] all = Arrays.stream(rows).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).isEqualTo(java.util.stream.IntStream.range(0, 503).toArray());
        for (int[] row : rows) {
            assertThat(row).isSorted().isNotEmpty();
        }
        assertThat(p.split(data, 20, new Rng(seed))).isDeepEqualTo(rows);
    }

    @Test
    void iidSizesDifferByAtMostOne() {
        int[][] rows = new IidPartitioner().split(balanced(10, 2), 3, new Rng(1));
        assertThat(Arrays.stream(rows).mapToInt(r -> r.length)).containsExactly(4, 3, 3);
    }

    @Test
    void iidNeedsOneSamplePerClient() {
        assertThatThrownBy(() -> new IidPartitioner().split(balanced(5, 2), 6, new Rng(1)))
                .isInstanceOf(FedSimException.class)
                .hasMessage("partition 'iid': 6 clients, but the training set has only 5 samples; every client needs "
                        + "at least one.");
    }

    @Test
    void shardsOfTwelveSortedSamplesAreConsecutivePairs() {
        Dataset data = withLabels(3, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
        int[][] rows = new ShardsPartitioner(2).split(data, 3, new Rng(4));
        int[] all = Arrays.stream(rows).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        for (int[] row : rows) {
            assertThat(row).hasSize(4);
            // Two shards {2m, 2m+1}: each pair starts at an even index.
            assertThat(row[0] % 2).isZero();
            assertThat(row[1]).isEqualTo(row[0] + 1);
            assertThat(row[2] % 2).isZero();
            assertThat(row[3]).isEqualTo(row[2] + 1);
        }
    }

    @Test
    void shardsSortByLabelStablyAndLeaveTheRemainderOut() {
        // Sorted (stable) order: 1, 3, 5, 7 (label 0), 0, 2, 4, 6, 8 (label 1); 4 shards of 2, sample 8 left out.
        Dataset data = withLabels(2, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        int[][] rows = new ShardsPartitioner(2).split(data, 2, new Rng(9));
        java.util.Set<java.util.List<Integer>> shards = java.util.Set.of(
                java.util.List.of(1, 3), java.util.List.of(5, 7), java.util.List.of(0, 2), java.util.List.of(4, 6));
        java.util.Set<java.util.List<Integer>> seen = new java.util.HashSet<>();
        for (int[] row : rows) {
            for (java.util.List<Integer> shard : shards) {
                if (Arrays.stream(row).anyMatch(i -> i == shard.get(0))) {
                    assertThat(row).contains(shard.get(1));
                    seen.add(shard);
                }
            }
            assertThat(row).hasSize(4).doesNotContain(8);
        }
        assertThat(seen).isEqualTo(shards);
    }

    @Test
    void mcMahanShardsOfWholeClassesGiveEveryClientAtMostTwoClasses() {
        int[][] rows = new ShardsPartitioner(2).split(balanced(60_000, 10), 100, new Rng(3));
        Dataset data = balanced(60_000, 10);
        long twoOrFewer = Arrays.stream(rows)
                .filter(r -> Arrays.stream(r).map(data::label).distinct().count() <= 2).count();
        assertThat(rows[0]).hasSize(600);
        assertThat(twoOrFewer).isEqualTo(100);
    }

    @Test
    void tooManyShardsIsAnError() {
        assertThatThrownBy(() -> new ShardsPartitioner(2).split(balanced(150, 10), 100, new Rng(1)))
                .isInstanceOf(FedSimException.class)
                .hasMessage("partition 'shards': 100 clients x 2 shards per client = 200 shards, but the training set "
                        + "has only 150 samples; use fewer clients or fewer shards per client.");
    }

    @Test
    void dirichletWithLargeAlphaIsNearlyUniformAndSmallAlphaIsSkewed() {
        Dataset data = balanced(20_000, 10);
        assertThat(meanLargestClassShare(new DirichletPartitioner(1000, 0).split(data, 10, new Rng(5)), data))
                .isLessThan(0.13);
        assertThat(meanLargestClassShare(new DirichletPartitioner(0.1, 0).split(data, 10, new Rng(5)), data))
                .isGreaterThan(0.5);
    }

    @Test
    void dirichletHonoursMinSize() {
        Dataset data = balanced(1000, 10);
        int[][] rows = new DirichletPartitioner(0.3, 20).split(data, 10, new Rng(6));
        assertThat(Arrays.stream(rows).mapToInt(r -> r.length).min().orElseThrow()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void dirichletGivesUpWithAHint() {
        Dataset data = balanced(1000, 10);
        assertThatThrownBy(() -> new DirichletPartitioner(0.01, 90).split(data, 11, new Rng(6)))
                .isInstanceOf(FedSimException.class)
                .hasMessageContaining("partition 'dirichlet' (alpha = 0.01, min-size = 90): in 100 draws")
                .hasMessageContaining("use a larger alpha, fewer clients or a smaller min-size");
        assertThatThrownBy(() -> new DirichletPartitioner(1, 101).split(data, 10, new Rng(6)))
                .isInstanceOf(FedSimException.class)
                .hasMessageContaining("10 clients x min-size 101 = 1010 samples, but the training set has only 1000");
        assertThatThrownBy(() -> new DirichletPartitioner(0, 1)).isInstanceOf(FedSimException.class)
                .hasMessageContaining("alpha must be a finite number > 0, was 0.0");
    }

    @Test
    void quantitySkewSizesByLargestRemainder() {
        assertThat(QuantitySkewPartitioner.sizes(new double[] {1, 2, 7}, 13)).containsExactly(2, 3, 8);
        assertThat(QuantitySkewPartitioner.sizes(new double[] {1, 1, 1}, 10)).containsExactly(4, 3, 3);
        assertThat(QuantitySkewPartitioner.sizes(new double[] {1e-9, 1, 1e9}, 5)).containsExactly(1, 1, 3);
    }

    @Test
    void quantitySkewGrowsWithSigma() {
        Dataset data = balanced(10_000, 10);
        int[][] flat = new QuantitySkewPartitioner(0).split(data, 50, new Rng(7));
        int[][] skewed = new QuantitySkewPartitioner(2).split(data, 50, new Rng(7));
        assertThat(Arrays.stream(flat).mapToInt(r -> r.length)).containsOnly(200);
        int max = Arrays.stream(skewed).mapToInt(r -> r.length).max().orElseThrow();
        assertThat(max).isGreaterThan(1000);
    }

    @Test
    void naturalMakesOneClientPerGroupInAscendingOrder() {
        Dataset data = new Dataset("g", new float[5], new int[5], 1, 1, new int[] {5, 2, 5, 9, 2});
        int[][] rows = new NaturalPartitioner().split(data, 3, new Rng(0));
        assertThat(rows).isDeepEqualTo(new int[][] {{1, 4}, {0, 2}, {3}});
    }

    @Test
    void naturalNeedsGroupsAndTheirNumber() {
        Dataset grouped = new Dataset("g", new float[5], new int[5], 1, 1, new int[] {5, 2, 5, 9, 2});
        assertThatThrownBy(() -> new NaturalPartitioner().split(grouped, 10, new Rng(0)))
                .isInstanceOf(FedSimException.class)
                .hasMessage("partition 'natural': 10 clients requested, but the training set g has 3 groups; set the "
                        + "number of clients to 3.");
        assertThatThrownBy(() -> new NaturalPartitioner().split(balanced(5, 2), 2, new Rng(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining("has no natural client (group) ids");
    }

    private static double meanLargestClassShare(int[][] rows, Dataset data) {
        double total = 0;
        for (int[] row : rows) {
            int[] counts = new int[data.numClasses()];
            for (int i : row) {
                counts[data.label(i)]++;
            }
            total += Arrays.stream(counts).max().orElseThrow() / (double) row.length;
        }
        return total / rows.length;
    }
}
