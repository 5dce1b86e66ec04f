package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files, gunzipping those that start with the gzip magic bytes whatever their name. */
final class DataFiles {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private DataFiles() {
    }

    /** A buffered stream of the file's (decompressed) bytes; the caller closes it. */
    static InputStream open(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (NoSuchFileException e) {
            throw new FedSimException(file + ": file not found.", e);
        } catch (IOException e) {
            throw new FedSimException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    /** All (decompressed) bytes of the file. */
    static byte[] readAllBytes(Path file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FedSimException(file + ": cannot be read; it starts like a gzip file but is damaged or cut short ("
                    + e.getMessage() + ").", e);
        }
    }
}
