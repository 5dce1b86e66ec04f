package io.fedsim.simulation.output;

import io.fedsim.core.data.LabelCounts;
import io.fedsim.core.data.Shard;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code partition.csv}: how many samples of each label every client trains on, one row per client
 * and label with a count above zero, in ascending client id then label. {@link #HEADER} is the contract.
 */
public final class PartitionWriter {

    public static final String HEADER = "client_id,label,count";

    private PartitionWriter() {
    }

    /** @param shards what each client trains on, by client id */
    public static void write(Path dir, List<Shard> shards) throws IOException {
        try (BufferedWriter csv = Files.newBufferedWriter(dir.resolve("partition.csv"), StandardCharsets.UTF_8)) {
            csv.write(HEADER);
            csv.newLine();
            for (LabelCounts.Row row : LabelCounts.rows(shards)) {
                csv.write(row.clientId() + "," + row.label() + "," + row.count());
                csv.newLine();
            }
        }
    }
}
