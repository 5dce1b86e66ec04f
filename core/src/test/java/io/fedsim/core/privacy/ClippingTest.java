package io.fedsim.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClippingTest {

    @Test
    void l2NormOfHandComputedVectors() {
        assertThat(Clipping.l2Norm(new float[] {3, 4})).isEqualTo(5.0);
        assertThat(Clipping.l2Norm(new float[] {1, 2, 2})).isEqualTo(3.0);
        assertThat(Clipping.l2Norm(new float[] {-6, 0, 8})).isEqualTo(10.0);
        assertThat(Clipping.l2Norm(new float[0])).isZero();
    }

    @Test
    void l2NormAccumulatesInDouble() {
        // 1e20^2 overflows float but not double; 3e-30^2 underflows float but not double
        assertThat(Clipping.l2Norm(new float[] {3e20f, 4e20f})).isCloseTo(5e20, within(5e20 * 1e-7));
        assertThat(Clipping.l2Norm(new float[] {3e-30f, 4e-30f})).isCloseTo(5e-30, within(5e-30 * 1e-7));
    }

    @Test
    void aVectorOutsideTheBallIsScaledOntoItsSurface() {
        assertThat(Clipping.clipped(new float[] {3, 4}, 1)).containsExactly(0.6f, 0.8f);
        assertThat(Clipping.clipped(new float[] {0, -10, 0}, 2.5)).containsExactly(0f, -2.5f, 0f);
        float[] clipped = Clipping.clipped(new float[] {1, 2, 3, 4, 5}, 0.7);
        assertThat(Clipping.l2Norm(clipped)).isCloseTo(0.7, within(1e-6));
    }

    @Test
    void aVectorInsideOrOnTheBallIsUnchanged() {
        assertThat(Clipping.clipped(new float[] {0.3f, -0.4f}, 1)).containsExactly(0.3f, -0.4f);
        assertThat(Clipping.clipped(new float[] {3, 4}, 5)).containsExactly(3f, 4f);
        assertThat(Clipping.clipped(new float[] {0, 0, 0}, 1)).containsExactly(0f, 0f, 0f);
    }

    @Test
    void theInputIsNotMutatedAndTheOutputIsANewArray() {
        float[] v = {3, 4};
        float[] out = Clipping.clipped(v, 1);
        assertThat(v).containsExactly(3f, 4f);
        assertThat(out).isNotSameAs(v);

        float[] inside = {0.1f, 0.2f};
        assertThat(Clipping.clipped(inside, 1)).isNotSameAs(inside);
    }

    @Test
    void scaleEdgeCases() {
        assertThat(Clipping.scale(0, 1)).isEqualTo(1.0);
        assertThat(Clipping.scale(1, 1)).isEqualTo(1.0);
        assertThat(Clipping.scale(0.5, 1)).isEqualTo(1.0);
        assertThat(Clipping.scale(10, 2)).isEqualTo(0.2);
        assertThat(Clipping.scale(5, 1)).isEqualTo(0.2);
        assertThat(Clipping.scale(Math.nextUp(1.0), 1)).isLessThan(1.0);
        assertThat(Clipping.scale(Double.POSITIVE_INFINITY, 1)).isZero();
        assertThat(Clipping.scale(1e300, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, -0.0, Double.NaN, Double.NEGATIVE_INFINITY})
    void aClipNormThatIsNotPositiveIsRejected(double clipNorm) {
        assertThatThrownBy(() -> Clipping.scale(1, clipNorm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip norm must be > 0");
        assertThatThrownBy(() -> Clipping.clipped(new float[] {1}, clipNorm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clip norm must be > 0");
    }
}
