package io.fedsim.simulation.cluster.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends little-endian fields to a growing buffer: ints, doubles, length-prefixed strings, bytes and float vectors. */
final class WireWriter {
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

    WireWriter putInt(int v) {
        ensure(4).putInt(v);
        return this;
    }

    WireWriter putLong(long v) {
        ensure(8).putLong(v);
        return this;
    }

    WireWriter putDouble(double v) {
        ensure(8).putDouble(v);
        return this;
    }

    WireWriter putString(String s) {
        return putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    WireWriter putBytes(byte[] bytes) {
        ensure(4 + bytes.length).putInt(bytes.length).put(bytes);
        return this;
    }

    /** The length, then each value as float32 little-endian in one bulk copy. */
    WireWriter putFloats(float[] values) {
        ensure(4 + 4L * values.length).putInt(values.length);
        buf.asFloatBuffer().put(values);
        buf.position(buf.position() + 4 * values.length);
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private ByteBuffer ensure(long more) {
        long needed = buf.position() + more;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("message of " + needed + " bytes is too large for one frame");
        }
        if (needed > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, 2L * buf.capacity())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }
}
