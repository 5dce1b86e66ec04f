package io.fedsim.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] images(int n, int rows, int cols, int... pixels) {
        return idx(0x00000803, new int[] {n, rows, cols}, pixels);
    }

    static byte[] labels(int... labels) {
        return idx(0x00000801, new int[] {labels.length}, labels);
    }

    static byte[] idx(int magic, int[] dims, int... body) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        buf.putInt(magic);
        for (int d : dims) {
            buf.putInt(d);
        }
        for (int b : body) {
            buf.put((byte) b);
        }
        return buf.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
