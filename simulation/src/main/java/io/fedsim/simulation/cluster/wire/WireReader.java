package io.fedsim.simulation.cluster.wire;

import java.io.NotSerializableException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads what {@link WireWriter} wrote, checking every length against what is left. */
final class WireReader {
    private final ByteBuffer buf;

    WireReader(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int getInt() {
        return buf.getInt();
    }

    long getLong() {
        return buf.getLong();
    }

    double getDouble() {
        return buf.getDouble();
    }

    String getString() {
        return new String(getBytes(), StandardCharsets.UTF_8);
    }

    byte[] getBytes() {
        byte[] bytes = new byte[length(1)];
        buf.get(bytes);
        return bytes;
    }

    float[] getFloats() {
        float[] values = new float[length(4)];
        buf.asFloatBuffer().get(values);
        buf.position(buf.position() + 4 * values.length);
        return values;
    }

    void expectEnd(String manifest) throws NotSerializableException {
        if (buf.hasRemaining()) {
            throw new NotSerializableException("ParameterSerializer: " + buf.remaining() + " bytes left after a '"
                    + manifest + "' message");
        }
    }

    private int length(int elementBytes) {
        int n = buf.getInt();
        if (n < 0 || (long) n * elementBytes > buf.remaining()) {
            throw new BufferUnderflowException();
        }
        return n;
    }
}
