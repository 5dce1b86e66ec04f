package io.fedsim.client.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void denseRoundTripsEveryFloatBitForBitAndCostsHeaderPlusFourBytesEach() {
        float[] v = {0f, -0f, 1.5f, -3.25e-39f, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 0.1f};
        byte[] message = WireFormat.dense(v);

        assertThat(message).hasSize(5 + 4 * 8);
        assertThat(WireFormat.denseBytes(8)).isEqualTo(37);
        assertThat(WireFormat.encodingOf(message)).isEqualTo(WireFormat.Encoding.DENSE);
        float[] back = WireFormat.decode(message);
        for (int i = 0; i < v.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(v[i]));
        }
    }

    @Test
    void headerIsEncodingByteThenLittleEndianLength() {
        byte[] message = WireFormat.dense(new float[258]);
        assertThat(message[0]).isEqualTo((byte) 0);
        assertThat(new byte[] {message[1], message[2], message[3], message[4]}).containsExactly(2, 1, 0, 0);
    }

    @Test
    void q8CarriesOneByteALevelAndDecodesOnTheGridOfMinMax() {
        // min -1, max 1.55, 255 steps of 0.01
        byte[] message = WireFormat.quantised(8, -1f, 1.55f, new int[] {0, 255, 100, 7});

        assertThat(message).hasSize(5 + 8 + 4);
        double step = ((double) 1.55f + 1) / 255;
        assertThat(WireFormat.decode(message)).containsExactly(-1f, 1.55f, (float) (-1 + 100 * step), (float) (-1 + 7 * step));
    }

    @Test
    void q4PacksTwoLevelsABytelowNibbleFirst() {
        // 15 steps of 1 between 0 and 15: level l decodes to l
        int[] levels = {3, 15, 0, 9, 12};
        byte[] message = WireFormat.quantised(4, 0f, 15f, levels);

        assertThat(message).hasSize(5 + 8 + 3);
        assertThat(message[13]).isEqualTo((byte) 0xF3);
        assertThat(message[14]).isEqualTo((byte) 0x90);
        assertThat(message[15]).isEqualTo((byte) 0x0C);
        assertThat(WireFormat.decode(message)).containsExactly(3f, 15f, 0f, 9f, 12f);
    }

    @Test
    void sparsePairsCostEightBytesACoordinateAndDecodeToTheDenseVector() {
        byte[] message = WireFormat.sparse(1000, new int[] {2, 500, 999}, new float[] {-1.5f, 2f, 0.25f});

        assertThat(WireFormat.encodingOf(message)).isEqualTo(WireFormat.Encoding.SPARSE_PAIRS);
        assertThat(message).hasSize(5 + 4 + 3 * 8);
        float[] expected = new float[1000];
        expected[2] = -1.5f;
        expected[500] = 2f;
        expected[999] = 0.25f;
        assertThat(WireFormat.decode(message)).containsExactly(expected);
    }

    @Test
    void denseSparseUpdatesUseTheBitmapWhenItIsShorter() {
        // P = 20, k = 5: pairs 4 + 40 = 44 bytes; bitmap 4 + 3 + 20 = 27 bytes
        int[] idx = {0, 7, 8, 15, 19};
        float[] val = {1, 2, 3, 4, 5};
        byte[] message = WireFormat.sparse(20, idx, val);

        assertThat(WireFormat.encodingOf(message)).isEqualTo(WireFormat.Encoding.SPARSE_BITMAP);
        assertThat(message).hasSize(5 + 27);
        assertThat(new byte[] {message[9], message[10], message[11]}).containsExactly((byte) 0x81, (byte) 0x81, (byte) 0x08);
        float[] expected = new float[20];
        for (int j = 0; j < idx.length; j++) {
            expected[idx[j]] = val[j];
        }
        assertThat(WireFormat.decode(message)).containsExactly(expected);
    }

    @Test
    void sparseRejectsUnorderedIndices() {
        assertThatThrownBy(() -> WireFormat.sparse(10, new int[] {3, 3}, new float[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void messageBytesIsKnownBeforeEncodingAndEqualsTheEncodedLength() {
        java.util.Map<String, float[]> state = new java.util.HashMap<>();
        for (int length : new int[] {1, 7, 64, 1000}) {
            float[] update = new float[length];
            for (int i = 0; i < length; i++) {
                update[i] = (float) Math.sin(i + 1.0);
            }
            for (Compression c : new Compression[] {Compression.NONE, new Compression(Compression.Uplink.Q8, 1, false),
                    new Compression(Compression.Uplink.Q4, 1, false), new Compression(Compression.Uplink.TOPK, 0.01, true),
                    new Compression(Compression.Uplink.TOPK, 0.5, false)}) {
                byte[] message = UplinkEncoder.encode(update.clone(), c, state, new io.fedsim.core.rng.Rng(length));
                org.assertj.core.api.Assertions.assertThat(WireFormat.messageBytes(c, length))
                        .as(c + " of " + length).isEqualTo(message.length);
            }
        }
        // hand-computed: P = 1000 dense 5 + 4000; q4 5 + 8 + 500; top-1% k = 10 as pairs 5 + 4 + 80
        org.assertj.core.api.Assertions.assertThat(WireFormat.messageBytes(Compression.NONE, 1000)).isEqualTo(4005);
        org.assertj.core.api.Assertions.assertThat(WireFormat.messageBytes(new Compression(Compression.Uplink.Q4, 1, false), 1000))
                .isEqualTo(513);
        org.assertj.core.api.Assertions.assertThat(WireFormat.messageBytes(new Compression(Compression.Uplink.TOPK, 0.01, true), 1000))
                .isEqualTo(89);
    }
}
