package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelsTest {

    /**
     * Six results take the four-at-a-time pass and then two single ones: the mean equals adding them one by one in
     * order, to the bit, with values whose sum depends on the order (1e8 + 1 - 1e8 is 0 in float).
     */
    @Test
    void theWeightedMeanInBlocksOfFourEqualsAddingOneByOneToTheBit() {
        float[][] deltas = {{1e8f, 1f}, {1f, -3f}, {-1e8f, 1e8f}, {0.1f, 7f}, {3f, -1e8f}, {1f, 0.3f}};
        java.util.List<ClientResult> results = new java.util.ArrayList<>();
        Kernels.WeightedSum oneByOne = new Kernels.WeightedSum(2);
        for (int k = 0; k < deltas.length; k++) {
            results.add(new ClientResult(k, deltas[k], 1 + k, 0.1));
            oneByOne.add(deltas[k], 1 + k);
        }
        float[] expected = oneByOne.mean();
        assertThat(Kernels.weightedMeanOfDeltas(results, 2)).containsExactly(expected);
        // and by hand for the first coordinate: ((((((1e8 + 2) - 3e8) + 0.4) + 15) + 6)) / 21, in float
        float first = 1 * 1e8f;
        first += 2 * 1f;
        first += 3 * -1e8f;
        first += 4 * 0.1f;
        first += 5 * 3f;
        first += 6 * 1f;
        assertThat(expected[0]).isEqualTo(first * (float) (1.0 / 21));
    }

    @Test
    void addScaledAccumulatesInPlace() {
        float[] acc = {1, 2, 3};
        float[] x = {2, -4, 0.5f};

        Kernels.addScaled(acc, x, 0.5f);

        assertThat(acc).containsExactly(2f, 0f, 3.25f);
        assertThat(x).containsExactly(2f, -4f, 0.5f);
    }

    @Test
    void addScaledRejectsALengthMismatch() {
        assertThatThrownBy(() -> Kernels.addScaled(new float[2], new float[3], 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3").hasMessageContaining("2");
    }

    @Test
    void weightedMeanOfDeltasByHand() {
        ClientResult a = new ClientResult(0, new float[] {4, 0}, 1, 0);
        ClientResult b = new ClientResult(1, new float[] {0, 8}, 3, 0);

        assertThat(Kernels.weightedMeanOfDeltas(List.of(a, b), 2)).containsExactly(1f, 6f);
        assertThat(Kernels.weightedMeanOfDeltas(List.of(b, a), 2)).containsExactly(1f, 6f);
    }

    @Test
    void weightedMeanOfNothingIsZero() {
        assertThat(Kernels.weightedMeanOfDeltas(List.of(), 3)).containsExactly(0f, 0f, 0f);
        assertThat(Kernels.weightedMeanOfDeltas(List.of(new ClientResult(0, new float[] {5, 5, 5}, 0, 0)), 3))
                .containsExactly(0f, 0f, 0f);
    }

    @Test
    void plusScaledReturnsANewArray() {
        float[] base = {1, 1};

        float[] out = Kernels.plusScaled(base, new float[] {2, -6}, 0.5f);

        assertThat(out).containsExactly(2f, -2f);
        assertThat(base).containsExactly(1f, 1f);
    }
}
