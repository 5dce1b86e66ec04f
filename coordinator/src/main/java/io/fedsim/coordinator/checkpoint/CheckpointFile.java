package io.fedsim.coordinator.checkpoint;

import io.fedsim.core.FedSimException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint file format, all integers and values little-endian:
 * <pre>
 *   8 bytes  magic "FEDSIMC1"
 *   int32    format version (1)
 *   int32 n, n bytes UTF-8   the FedSim version that wrote it
 *   int32    round (the last round the checkpoint includes)
 *   32 bytes SHA-256 of the resolved scenario text
 *   int32    section count, then per section:
 *            int32 n, n bytes UTF-8 name; 1 byte type 'F' float32 | 'D' float64 | 'L' int64 | 'S' UTF-8 text;
 *            int32 count; count values (for text: count bytes)
 *   32 bytes SHA-256 of every byte before it
 * </pre>
 * A file is written whole under a temporary name, forced to disk and renamed into place, so a reader
 * sees either the old state or the new one; the trailing digest catches a file that was cut short or
 * damaged anyway (a disk without ordered writes, a copy gone wrong).
 */
public final class CheckpointFile {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "FEDSIMC1".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;

    private CheckpointFile() {
    }

    /** A file that is not a complete, undamaged checkpoint (cut short, overwritten, not a checkpoint at all). */
    public static final class CorruptException extends FedSimException {
        private static final long serialVersionUID = 1L;

        CorruptException(Path file, String problem) {
            super(file + ": not a usable checkpoint: " + problem);
        }
    }

    /** Writes {@code checkpoint} to {@code file} atomically: temporary file, fsync, rename, fsync of the folder. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        MessageDigest sha = sha256();
        try (OutputStream raw = Files.newOutputStream(tmp);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha)) {
            LittleEndianOut out = new LittleEndianOut(new DataOutputStream(digest));
            writeBody(out, checkpoint);
            digest.on(false);
            digest.write(sha.digest());
            digest.flush();
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(dir);
    }

    private static void writeBody(LittleEndianOut out, Checkpoint c) throws IOException {
        out.bytes(MAGIC);
        out.int32(FORMAT_VERSION);
        out.string(c.fedsimVersion());
        out.int32(c.round());
        out.bytes(c.scenarioSha256());
        out.int32(c.floats().size() + c.doubles().size() + c.longs().size() + c.texts().size());
        for (var e : c.floats().entrySet()) {
            out.sectionHeader(e.getKey(), 'F', e.getValue().length);
            ByteBuffer b = buffer(4 * e.getValue().length);
            b.asFloatBuffer().put(e.getValue());
            out.bytes(b.array());
        }
        for (var e : c.doubles().entrySet()) {
            out.sectionHeader(e.getKey(), 'D', e.getValue().length);
            ByteBuffer b = buffer(8 * e.getValue().length);
            b.asDoubleBuffer().put(e.getValue());
            out.bytes(b.array());
        }
        for (var e : c.longs().entrySet()) {
            out.sectionHeader(e.getKey(), 'L', e.getValue().length);
            ByteBuffer b = buffer(8 * e.getValue().length);
            b.asLongBuffer().put(e.getValue());
            out.bytes(b.array());
        }
        for (var e : c.texts().entrySet()) {
            byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
            out.sectionHeader(e.getKey(), 'S', text.length);
            out.bytes(text);
        }
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads a checkpoint, checking its digest before anything else.
     *
     * @throws CorruptException if the file is damaged, incomplete or not a checkpoint
     * @throws FedSimException  if it is intact but in a format this FedSim cannot read
     */
    public static Checkpoint read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 4 + DIGEST_BYTES || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CorruptException(file, "it does not start with FEDSIMC1 (" + all.length + " bytes)");
        }
        int bodyLength = all.length - DIGEST_BYTES;
        MessageDigest sha = sha256();
        sha.update(all, 0, bodyLength);
        if (!MessageDigest.isEqual(sha.digest(), Arrays.copyOfRange(all, bodyLength, all.length))) {
            throw new CorruptException(file, "its SHA-256 does not match its contents (cut short or damaged)");
        }
        ByteBuffer in = ByteBuffer.wrap(all, 0, bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int format = in.getInt();
        if (format != FORMAT_VERSION) {
            throw new FedSimException(file + ": checkpoint format " + format + ", but this FedSim reads format "
                    + FORMAT_VERSION + " only: resume it with the FedSim version that wrote it");
        }
        try {
            return readBody(in);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new CorruptException(file, "its sections are malformed (" + e + ")");
        }
    }

    private static Checkpoint readBody(ByteBuffer in) {
        String version = string(in);
        int round = in.getInt();
        byte[] sha = new byte[DIGEST_BYTES];
        in.get(sha);
        int sections = in.getInt();
        Map<String, float[]> floats = new LinkedHashMap<>();
        Map<String, double[]> doubles = new LinkedHashMap<>();
        Map<String, long[]> longs = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (int s = 0; s < sections; s++) {
            String name = string(in);
            byte type = in.get();
            int count = in.getInt();
            switch (type) {
                case 'F' -> {
                    float[] v = new float[checkedCount(in, count, 4)];
                    in.asFloatBuffer().get(v);
                    in.position(in.position() + 4 * count);
                    floats.put(name, v);
                }
                case 'D' -> {
                    double[] v = new double[checkedCount(in, count, 8)];
                    in.asDoubleBuffer().get(v);
                    in.position(in.position() + 8 * count);
                    doubles.put(name, v);
                }
                case 'L' -> {
                    long[] v = new long[checkedCount(in, count, 8)];
                    in.asLongBuffer().get(v);
                    in.position(in.position() + 8 * count);
                    longs.put(name, v);
                }
                case 'S' -> {
                    byte[] text = new byte[checkedCount(in, count, 1)];
                    in.get(text);
                    texts.put(name, new String(text, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("section " + name + " has unknown type " + type);
            }
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the last section");
        }
        return new Checkpoint(version, round, sha, floats, doubles, longs, texts);
    }

    private static int checkedCount(ByteBuffer in, int count, int width) {
        if (count < 0 || (long) count * width > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return count;
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The SHA-256 of a text's UTF-8 bytes (the scenario's fingerprint). */
    public static byte[] sha256(String text) {
        return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Makes a rename inside {@code dir} durable; some file systems cannot open a folder, and then it is skipped. */
    public static void forceFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported here (e.g. some network file systems): the rename is as durable as the platform makes it
        }
    }

    /** Little-endian writes over a stream (DataOutputStream alone is big-endian). */
    private record LittleEndianOut(DataOutputStream out) {
        void bytes(byte[] b) throws IOException {
            out.write(b);
        }

        void int32(int v) throws IOException {
            out.writeInt(Integer.reverseBytes(v));
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int32(b.length);
            out.write(b);
        }

        void sectionHeader(String name, char type, int count) throws IOException {
            string(name);
            out.write(type);
            int32(count);
        }
    }
}
