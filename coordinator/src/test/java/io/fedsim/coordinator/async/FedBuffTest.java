package io.fedsim.coordinator.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FedBuffTest {
    @Test
    void stalenessWeightIsOneOverRootOfOnePlusStaleness() {
        assertThat(FedBuff.stalenessWeight(0)).isEqualTo(1.0);
        assertThat(FedBuff.stalenessWeight(3)).isEqualTo(0.5);
        assertThat(FedBuff.stalenessWeight(8)).isEqualTo(1 / 3.0, within(1e-15));
    }

    @Test
    void theServerStepsByTheStalenessWeightedMeanOfTheBuffer() {
        FedBuff buffer = new FedBuff(2, 2, 0.5);
        assertThat(buffer.add(new float[] {4, 8}, 0)).isFalse();
        assertThat(buffer.add(new float[] {2, -2}, 3)).isTrue();
        assertThat(buffer.meanStaleness()).isEqualTo(1.5);
        assertThat(buffer.maxStaleness()).isEqualTo(3);
        // w + 0.5 * (1/2) * (1 * [4, 8] + 0.5 * [2, -2]) = [1, 1] + [1.25, 1.75]
        assertThat(buffer.apply(new float[] {1, 1})).containsExactly(2.25f, 2.75f);
        assertThat(buffer.size()).isZero();
        buffer.add(new float[] {1, 1}, 0);
        assertThat(buffer.apply(new float[] {0, 0})).containsExactly(0.5f, 0.5f); // the buffer was emptied
    }
}
