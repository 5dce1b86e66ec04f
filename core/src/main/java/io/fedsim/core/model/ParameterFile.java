package io.fedsim.core.model;

import io.fedsim.core.FedSimException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A model's flat parameters on disk, with a small self-describing header:
 * <pre>
 *   8 bytes   magic "FEDSIMP1"
 *   4 bytes   header length L (int32, little-endian)
 *   L bytes   header, UTF-8 JSON: {"format":"fedsim-parameters","version":1,"dtype":"float32",
 *             "byte_order":"little","count":N,"model":"...", ...}
 *   4N bytes  the parameters, float32 little-endian, in the model's layout order
 * </pre>
 * Readable from NumPy with {@code np.frombuffer(data[12 + L:], "<f4")}.
 */
public final class ParameterFile {
    private static final byte[] MAGIC = "FEDSIMP1".getBytes(StandardCharsets.US_ASCII);

    private ParameterFile() {
    }

    /**
     * Writes {@code params} with a header naming the model; {@code extraJsonFields} (already JSON, e.g.
     * {@code "round":100}) are added to the header, or empty.
     */
    public static void write(Path file, float[] params, String modelDescription, String extraJsonFields) throws IOException {
        String header = "{\"format\":\"fedsim-parameters\",\"version\":1,\"dtype\":\"float32\",\"byte_order\":\"little\","
                + "\"count\":" + params.length + ",\"model\":\"" + modelDescription.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                + (extraJsonFields.isEmpty() ? "" : "," + extraJsonFields) + "}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(MAGIC.length + 4 + h.length + 4 * params.length).order(ByteOrder.LITTLE_ENDIAN);
        body.put(MAGIC).putInt(h.length).put(h);
        body.asFloatBuffer().put(params);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(body.array());
        }
    }

    /** The parameters of a file written by {@link #write}. */
    public static float[] read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new FedSimException(file + ": not a FedSim parameter file (it does not start with FEDSIMP1)");
            }
            int headerLength = Integer.reverseBytes(in.readInt());
            String header = new String(in.readNBytes(headerLength), StandardCharsets.UTF_8);
            int count = countOf(file, header);
            byte[] data = in.readNBytes(4 * count);
            if (data.length != 4 * count || in.read() != -1) {
                throw new FedSimException(file + ": the header announces " + count + " parameters but the body holds "
                        + data.length / 4 + (data.length == 4 * count ? " and more" : ""));
            }
            float[] params = new float[count];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(params);
            return params;
        }
    }

    private static int countOf(Path file, String header) {
        var m = java.util.regex.Pattern.compile("\"count\":(\\d+)").matcher(header);
        if (!m.find()) {
            throw new FedSimException(file + ": the header has no parameter count: " + header);
        }
        return Integer.parseInt(m.group(1));
    }
}
