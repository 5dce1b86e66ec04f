package io.fedsim.client.uplink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes an update (or a model) occupies on the wire, so that {@code bytes_up} and {@code bytes_down}
 * count what a real deployment would send rather than an estimate. Every message starts with a 5-byte
 * header: one byte naming the encoding and the vector length P as a little-endian int32. Then:
 * <ul>
 *   <li>{@code DENSE}: P float32 values (4P bytes);</li>
 *   <li>{@code Q8} / {@code Q4}: the float32 min and max of the update, then one 8-bit (or 4-bit, two per byte,
 *       low nibble first) level per coordinate; a level l decodes to {@code min + l * (max - min) / (2^bits - 1)};</li>
 *   <li>{@code SPARSE_PAIRS}: int32 k, then k (int32 index, float32 value) pairs in ascending index order;</li>
 *   <li>{@code SPARSE_BITMAP}: int32 k, a bitmap of ceil(P / 8) bytes (bit i of byte i / 8 set when coordinate i
 *       is sent), then the k float32 values in index order. The encoder picks whichever of the two sparse
 *       forms is shorter (the bitmap wins once k > P / 32).</li>
 * </ul>
 * Decoding always gives the dense vector the server aggregates.
 */
public final class WireFormat {
    /** Encoding byte plus int32 length. */
    public static final int HEADER_BYTES = 5;

    /** How a message's payload is laid out; the ordinal is the header's first byte. */
    public enum Encoding { DENSE, Q8, Q4, SPARSE_PAIRS, SPARSE_BITMAP }

    private WireFormat() {
    }

    /** The size of a dense message of {@code length} floats: what the server sends every sampled client. */
    public static long denseBytes(int length) {
        return HEADER_BYTES + 4L * length;
    }

    /**
     * The exact size of the message a client sends for an update of {@code length} floats under {@code compression},
     * known before training (every encoding's size depends only on P and, for top-k, on k): what simulated time
     * charges for the upload.
     */
    public static long messageBytes(Compression compression, int length) {
        return switch (compression.uplink()) {
            case NONE -> denseBytes(length);
            case Q8 -> HEADER_BYTES + 8L + length;
            case Q4 -> HEADER_BYTES + 8L + (length + 1L) / 2;
            case TOPK -> {
                long k = TopK.count(compression.topkFraction(), length);
                yield HEADER_BYTES + Math.min(4 + 8 * k, 4 + (length + 7L) / 8 + 4 * k);
            }
        };
    }

    public static byte[] dense(float[] values) {
        ByteBuffer b = header(Encoding.DENSE, values.length, 4L * values.length);
        b.asFloatBuffer().put(values); // one bulk copy (little-endian, as the header set)
        return b.array();
    }

    /**
     * A quantised update: {@code levels[i]} in [0, 2^bits - 1] for bits 8 or 4, with the float32 range that
     * maps them back.
     */
    public static byte[] quantised(int bits, float min, float max, int[] levels) {
        if (bits != 8 && bits != 4) {
            throw new IllegalArgumentException("bits must be 8 or 4, was " + bits);
        }
        int p = levels.length;
        long payload = 8 + (bits == 8 ? p : (p + 1L) / 2);
        ByteBuffer b = header(bits == 8 ? Encoding.Q8 : Encoding.Q4, p, payload);
        b.putFloat(min).putFloat(max);
        if (bits == 8) {
            for (int level : levels) {
                b.put((byte) level);
            }
        } else {
            for (int i = 0; i < p; i += 2) {
                int hi = i + 1 < p ? levels[i + 1] : 0;
                b.put((byte) (levels[i] | hi << 4));
            }
        }
        return b.array();
    }

    /** A sparse update: {@code values[j]} at {@code indices[j]}, indices strictly ascending, zero elsewhere. */
    public static byte[] sparse(int length, int[] indices, float[] values) {
        int k = indices.length;
        if (values.length != k) {
            throw new IllegalArgumentException(k + " indices but " + values.length + " values");
        }
        long pairs = 4 + 8L * k;
        long bitmap = 4 + (length + 7L) / 8 + 4L * k;
        boolean useBitmap = bitmap < pairs;
        ByteBuffer b = header(useBitmap ? Encoding.SPARSE_BITMAP : Encoding.SPARSE_PAIRS, length, useBitmap ? bitmap : pairs);
        b.putInt(k);
        int previous = -1;
        for (int index : indices) {
            if (index <= previous || index >= length) {
                throw new IllegalArgumentException("indices must be ascending and below " + length + ", saw " + index
                        + " after " + previous);
            }
            previous = index;
        }
        if (useBitmap) {
            byte[] bits = new byte[(length + 7) / 8];
            for (int index : indices) {
                bits[index >>> 3] |= (byte) (1 << (index & 7));
            }
            b.put(bits);
            for (float v : values) {
                b.putFloat(v);
            }
        } else {
            for (int j = 0; j < k; j++) {
                b.putInt(indices[j]).putFloat(values[j]);
            }
        }
        return b.array();
    }

    /** The encoding a message says it uses. */
    public static Encoding encodingOf(byte[] message) {
        int code = message.length > 0 ? message[0] : -1;
        if (code < 0 || code >= Encoding.values().length) {
            throw new IllegalArgumentException("not a FedSim update message: encoding byte " + code);
        }
        return Encoding.values()[code];
    }

    /** The dense vector a message carries. */
    public static float[] decode(byte[] message) {
        Encoding encoding = encodingOf(message);
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        b.get();
        int p = b.getInt();
        float[] out = new float[p];
        switch (encoding) {
            case DENSE -> b.asFloatBuffer().get(out);
            case Q8, Q4 -> {
                float min = b.getFloat();
                float max = b.getFloat();
                int bits = encoding == Encoding.Q8 ? 8 : 4;
                for (int i = 0; i < p; i++) {
                    int level = bits == 8 ? b.get(HEADER_BYTES + 8 + i) & 0xFF
                            : (b.get(HEADER_BYTES + 8 + i / 2) >>> (4 * (i & 1))) & 0x0F;
                    out[i] = StochasticQuantiser.level(min, max, bits, level);
                }
            }
            case SPARSE_PAIRS -> {
                int k = b.getInt();
                for (int j = 0; j < k; j++) {
                    int index = b.getInt();
                    out[index] = b.getFloat();
                }
            }
            case SPARSE_BITMAP -> {
                int k = b.getInt();
                int bitmapAt = b.position();
                b.position(bitmapAt + (p + 7) / 8);
                for (int i = 0; i < p; i++) {
                    if ((message[bitmapAt + (i >>> 3)] >>> (i & 7) & 1) != 0) {
                        out[i] = b.getFloat();
                    }
                }
                if (b.hasRemaining() || k < 0) {
                    throw new IllegalArgumentException("bitmap message: " + b.remaining() + " bytes left over");
                }
            }
        }
        return out;
    }

    private static ByteBuffer header(Encoding encoding, int length, long payloadBytes) {
        long total = HEADER_BYTES + payloadBytes;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a message of " + total + " bytes is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) encoding.ordinal()).putInt(length);
        return b;
    }
}
