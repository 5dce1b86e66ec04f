package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RobustKernelsTest {
    /** One coordinate: 0, 1, 2, 4 form the honest cluster, 100 is far away. */
    private static final float[][] LINE = {{0}, {1}, {2}, {4}, {100}};

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        float[][] u = {{1, 10}, {3, -2}, {2, 4}};
        assertThat(RobustKernels.median(u)).containsExactly(2f, 4f);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        // sorted columns: 1, 2, 4, 10 -> 3 and -3, 0, 1, 5 -> 0.5
        float[][] u = {{1, 0}, {4, 1}, {2, 5}, {10, -3}};
        assertThat(RobustKernels.median(u)).containsExactly(3f, 0.5f);
    }

    @Test
    void trimmedMeanDropsFloorOfBetaNFromEachEnd() {
        // beta 0.2, n 5: one per side. -100, [1, 2, 3], 50 -> 2 and 5, [5, 6, 7], 100 -> 6
        float[][] u = {{-100, 5}, {1, 100}, {2, 5}, {3, 6}, {50, 7}};
        assertThat(RobustKernels.trimmedMean(u, 0.2)).containsExactly(2f, 6f);
        assertThat(RobustKernels.trimmedPerSide(5, 0.2)).isEqualTo(1);
        assertThat(RobustKernels.trimmedPerSide(100, 0.29)).isEqualTo(29);
        assertThat(RobustKernels.trimmedMean(u, 0.0)).containsExactly(-8.8f, 24.6f);
    }

    @Test
    void pairwiseSquaredDistancesByHand() {
        double[][] d = RobustKernels.pairwiseSquaredDistances(new float[][] {{0, 0}, {3, 4}, {1, 0}});
        assertThat(d[0]).containsExactly(0, 25, 1);
        assertThat(d[1]).containsExactly(25, 0, 20);
        assertThat(d[2]).containsExactly(1, 20, 0);
    }

    @Test
    void krumScoresSumTheNMinusFMinus2NearestSquaredDistances() {
        // f = 1, n = 5: two nearest. 0 -> 1 + 4, 1 -> 1 + 1, 2 -> 1 + 4, 4 -> 4 + 9, 100 -> 96^2 + 98^2
        assertThat(RobustKernels.krumScores(LINE, 1)).containsExactly(5, 2, 5, 13, 18820);
        assertThat(RobustKernels.krum(LINE, 1)).isEqualTo(1);
    }

    @Test
    void krumPicksFromTheHonestClusterAndBreaksTiesToTheLowestIndex() {
        // the four corners of a unit square all score 1 + 1; the far update scores in the thousands
        float[][] u = {{50, 50}, {1, 1}, {0, 1}, {1, 0}, {0, 0}};
        assertThat(RobustKernels.krum(u, 1)).isEqualTo(1);
    }

    @Test
    void multiKrumAveragesTheMLowestScores() {
        // scores 5, 2, 5, 13, 18820: m = n - f = 4 keeps 0, 1, 2, 4 -> 7 / 4; m = 2 keeps 1 and (tie) 0
        assertThat(RobustKernels.multiKrumSelection(LINE, 1, 4)).containsExactly(0, 1, 2, 3);
        assertThat(RobustKernels.multiKrum(LINE, 1)).containsExactly(1.75f);
        assertThat(RobustKernels.multiKrumSelection(LINE, 1, 2)).containsExactly(0, 1);
        assertThat(RobustKernels.multiKrum(LINE, 1, 2)).containsExactly(0.5f);
    }

    @Test
    void bulyanOnSevenUpdatesWithOneAttacker() {
        // theta = 5 by repeated Krum (neighbours 4, 3, 2, then clamped to 1, 1) picks the values 3, then
        // 1 (ties with 4 and 5: lowest index), 4 (ties with 5), 5 (ties with 9), 0 (ties with 9), leaving
        // 9 and 100 out. Median of
        // 0, 1, 3, 4, 5 is 3; the beta = 3 closest: 3, 4, then 1 (ties with 5, smaller value) -> 8 / 3.
        float[][] u = {{0}, {1}, {3}, {4}, {5}, {9}, {100}};
        assertThat(RobustKernels.bulyanSelection(u, 1)).containsExactly(0, 1, 2, 3, 4);
        assertThat(RobustKernels.bulyan(u, 1)[0]).isCloseTo(8f / 3, within(1e-6f));
        // a symmetric case: the values 0, 1, 2, 3, 5 are selected, median 2 -> 1, 2, 3 -> 2
        assertThat(RobustKernels.bulyan(new float[][] {{0}, {1}, {2}, {3}, {5}, {8}, {100}}, 1)).containsExactly(2f);
    }

    @Test
    void bulyanWithoutAttackersIsTheMean() {
        assertThat(RobustKernels.bulyan(new float[][] {{1, 0}, {2, 3}, {6, 3}}, 0)).containsExactly(3f, 2f);
    }

    @Test
    void preconditionsAreNamed() {
        float[][] four = {{0}, {1}, {2}, {3}};
        assertThatThrownBy(() -> RobustKernels.krum(four, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n > 2f + 2 = 4").hasMessageContaining("got n = 4");
        assertThatThrownBy(() -> RobustKernels.bulyan(new float[6][1], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n >= 4f + 3 = 7").hasMessageContaining("got n = 6");
        assertThatThrownBy(() -> RobustKernels.multiKrum(LINE, 1, 6)).hasMessageContaining("m in [1, n]");
        assertThatThrownBy(() -> RobustKernels.krum(LINE, -1)).hasMessageContaining("f (byzantine clients) must be >= 0");
        assertThatThrownBy(() -> RobustKernels.trimmedMean(four, 0.5)).hasMessageContaining("[0, 0.5)");
        assertThatThrownBy(() -> RobustKernels.median(new float[0][])).hasMessageContaining("at least one update");
        assertThatThrownBy(() -> RobustKernels.median(new float[][] {{1, 2}, {3}})).hasMessageContaining("update 1 has length 1");
    }

    @Test
    void shuffledRowsGiveTheSameResult() {
        Random rng = new Random(7);
        float[][] u = new float[12][6];
        for (float[] row : u) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextFloat() * 2 - 1;
            }
        }
        List<float[]> rows = new ArrayList<>(List.of(u));
        Collections.shuffle(rows, new Random(3));
        float[][] shuffled = rows.toArray(float[][]::new);
        List<Function<float[][], float[]>> kernels = kernels();
        for (int k = 0; k < kernels.size(); k++) {
            assertThat(kernels.get(k).apply(shuffled)).as("kernel %d", k).containsExactly(kernels.get(k).apply(u));
        }
    }

    @Test
    void inputsAreNotModified() {
        float[][] u = {{5, -1}, {0, 2}, {3, 3}, {-4, 0}, {9, 9}, {1, 1}, {2, 8}, {7, -7}, {6, 4}, {-2, 5}, {4, 4}};
        float[][] copy = new float[u.length][];
        for (int i = 0; i < u.length; i++) {
            copy[i] = u[i].clone();
        }
        for (Function<float[][], float[]> kernel : kernels()) {
            kernel.apply(u);
        }
        RobustKernels.pairwiseSquaredDistances(u);
        assertThat(u).isDeepEqualTo(copy);
    }

    private static List<Function<float[][], float[]>> kernels() {
        return List.of(RobustKernels::median, u -> RobustKernels.trimmedMean(u, 0.2),
                u -> u[RobustKernels.krum(u, 2)], u -> RobustKernels.multiKrum(u, 2),
                u -> RobustKernels.bulyan(u, 2));
    }
}
