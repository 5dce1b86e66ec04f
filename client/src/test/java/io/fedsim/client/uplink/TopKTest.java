package io.fedsim.client.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.rng.Rng;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void picksTheLargestMagnitudesInIndexOrderAndBreaksTiesByLowerIndex() {
        float[] v = {0.1f, -5f, 2f, -2f, 0f, 3f, 2f};
        assertThat(TopK.select(v, 1)).containsExactly(1);
        assertThat(TopK.select(v, 2)).containsExactly(1, 5);
        assertThat(TopK.select(v, 3)).containsExactly(1, 2, 5);   // |2| at 2, 3, 6: index 2 first
        assertThat(TopK.select(v, 5)).containsExactly(1, 2, 3, 5, 6);
        assertThat(TopK.select(v, 0)).isEmpty();
    }

    @Test
    void countIsTheCeilingOfTheFractionAndAtLeastOne() {
        assertThat(TopK.count(0.01, 7850)).isEqualTo(79);
        assertThat(TopK.count(0.01, 100)).isEqualTo(1);
        assertThat(TopK.count(0.01, 10)).isEqualTo(1);
        assertThat(TopK.count(1.0, 10)).isEqualTo(10);
    }

    @Test
    void errorFeedbackCarriesTheUnsentResidualIntoTheNextRoundExactly() {
        Compression topk = new Compression(Compression.Uplink.TOPK, 0.25, true); // k = 1 of 4
        Map<String, float[]> state = new HashMap<>();

        float[] sent1 = WireFormat.decode(UplinkEncoder.encode(new float[] {1f, -3f, 2f, 0.5f}, topk, state, new Rng(0)));
        assertThat(sent1).containsExactly(0f, -3f, 0f, 0f);
        assertThat(state.get(UplinkEncoder.RESIDUAL)).containsExactly(1f, 0f, 2f, 0.5f);

        // v = delta + residual = (1.5, -1, 2.5, 0.5) + ... -> (1+0.5, 0-1, 2+0.5, 0.5+0) : sends 2.5 at index 2
        float[] sent2 = WireFormat.decode(UplinkEncoder.encode(new float[] {0.5f, -1f, 0.5f, 0f}, topk, state, new Rng(0)));
        assertThat(sent2).containsExactly(0f, 0f, 2.5f, 0f);
        assertThat(state.get(UplinkEncoder.RESIDUAL)).containsExactly(1.5f, -1f, 0f, 0.5f);
    }

    @Test
    void withoutErrorFeedbackNothingIsKept() {
        Compression topk = new Compression(Compression.Uplink.TOPK, 0.5, false);
        Map<String, float[]> state = new HashMap<>();
        float[] sent = WireFormat.decode(UplinkEncoder.encode(new float[] {1f, -3f, 2f, 0.5f}, topk, state, new Rng(0)));
        assertThat(sent).containsExactly(0f, -3f, 2f, 0f);
        assertThat(state).isEmpty();
    }

    @Test
    void onePercentOfAModelCostsUnderFivePercentOfTheDenseBytes() {
        float[] v = new float[7850];
        Rng rng = new Rng(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        byte[] message = UplinkEncoder.encode(v, new Compression(Compression.Uplink.TOPK, 0.01, true), new HashMap<>(), rng);
        assertThat(message).hasSize(5 + 4 + 79 * 8);
        assertThat((double) message.length / WireFormat.denseBytes(7850)).isLessThan(0.05);
    }
}
