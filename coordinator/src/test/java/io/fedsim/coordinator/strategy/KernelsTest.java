package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelsTest {

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
