package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads IDX files of unsigned bytes (LeCun's MNIST format): a big-endian header of magic number
 * {@code 0x000008nn} (type 0x08 = unsigned byte, nn = number of dimensions) and one 32-bit size per
 * dimension, then the body. Files may be gzipped (detected by their first bytes). The body must be exactly
 * as long as the header says: a truncated download or trailing bytes are errors, not silently accepted.
 */
public final class IdxReader {
    /** Magic number of an image file: unsigned bytes, 3 dimensions (count x rows x cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Images as read: {@code count} images of {@code rows x cols} pixels, row-major, values 0..255. */
    public record Images(int count, int rows, int cols, float[] pixels) {
    }

    private IdxReader() {
    }

    /** Reads an image file (magic {@code 0x00000803}); pixel values stay 0..255. */
    public static Images readImages(Path file) {
        byte[] bytes = DataFiles.readAllBytes(file);
        int[] dims = header(file, bytes, IMAGES_MAGIC, "image", 3);
        int n = dims[0];
        int pixelsPerImage = Math.multiplyExact(dims[1], dims[2]);
        int offset = checkBody(file, bytes, dims, "pixel");
        float[] pixels = new float[Math.multiplyExact(n, pixelsPerImage)];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = bytes[offset + i] & 0xFF;
        }
        return new Images(n, dims[1], dims[2], pixels);
    }

    /** Reads a label file (magic {@code 0x00000801}). */
    public static int[] readLabels(Path file) {
        byte[] bytes = DataFiles.readAllBytes(file);
        int[] dims = header(file, bytes, LABELS_MAGIC, "label", 1);
        int offset = checkBody(file, bytes, dims, "label");
        int[] labels = new int[dims[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = bytes[offset + i] & 0xFF;
        }
        return labels;
    }

    /**
     * Reads an image file and its label file into one dataset of {@code rows * cols} features, checking
     * that both hold the same number of samples and that every label is below {@code numClasses}.
     */
    public static Dataset read(String name, Path imageFile, Path labelFile, int numClasses) {
        Images images = readImages(imageFile);
        int[] labels = readLabels(labelFile);
        if (images.count() != labels.length) {
            throw new FedSimException(imageFile + " holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.length + " labels; an image file and its label file must have the same count.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= numClasses) {
                throw new FedSimException(labelFile + ": label " + labels[i] + " of sample " + i + " (byte offset "
                        + (8 + i) + ") is not a class index in [0, " + numClasses + ").");
            }
        }
        return new Dataset(name, images.pixels(), labels, images.rows() * images.cols(), numClasses);
    }

    /** Checks the magic number and returns the dimension sizes. */
    private static int[] header(Path file, byte[] bytes, int expectedMagic, String kind, int expectedDims) {
        String expected = String.format("an IDX %s file (magic number 0x%08X: unsigned bytes, %d dimension%s)",
                kind, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s");
        if (bytes.length < 4) {
            throw new FedSimException(file + ": only " + bytes.length + " bytes long; expected " + expected + ".");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int magic = buf.getInt();
        if ((magic >>> 8) != 0x08) {
            throw new FedSimException(String.format("%s: magic number 0x%08X at byte 0 is not that of an IDX file of "
                    + "unsigned bytes; expected %s.", file, magic, expected));
        }
        int numDims = magic & 0xFF;
        if (numDims != expectedDims) {
            throw new FedSimException(String.format("%s: magic number 0x%08X says %d dimension%s; expected %s.",
                    file, magic, numDims, numDims == 1 ? "" : "s", expected));
        }
        int headerLength = 4 + 4 * numDims;
        if (bytes.length < headerLength) {
            throw new FedSimException(file + ": the header is cut short: " + bytes.length + " bytes, expected "
                    + headerLength + " (magic number and " + numDims + " dimension sizes).");
        }
        int[] dims = new int[numDims];
        for (int d = 0; d < numDims; d++) {
            dims[d] = buf.getInt();
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw new FedSimException(file + ": dimension " + d + " has size " + dims[d] + " (header byte "
                        + (4 + 4 * d) + "); expected a positive size.");
            }
        }
        return dims;
    }

    /** Checks that the body after the header is exactly the product of the dimensions; returns its offset. */
    private static int checkBody(Path file, byte[] bytes, int[] dims, String unit) {
        int offset = 4 + 4 * dims.length;
        long expected = 1;
        StringBuilder shape = new StringBuilder();
        for (int d : dims) {
            expected *= d;
            shape.append(shape.length() == 0 ? "" : " x ").append(d);
        }
        long found = bytes.length - offset;
        if (found < expected) {
            throw new FedSimException(file + ": truncated: the header announces " + shape + " = " + expected + " "
                    + unit + " bytes after the " + offset + "-byte header, but only " + found
                    + " were found. The file is incomplete; download it again.");
        }
        if (found > expected) {
            throw new FedSimException(file + ": " + (found - expected) + " unexpected bytes after the data: the header "
                    + "announces " + shape + " = " + expected + " " + unit + " bytes after the " + offset
                    + "-byte header, but " + found + " were found.");
        }
        return offset;
    }
}
