package io.fedsim.simulation.cluster;

import io.fedsim.core.data.Shard;
import io.fedsim.simulation.run.FederatedData;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * How the client population is split among client nodes: node {@code i} of {@code n} hosts the contiguous
 * ids {@code [i * P / n, (i + 1) * P / n)}. The split depends only on (P, n, i); indexes follow the sorted
 * node addresses when the run starts, and a node that joins later takes over a vacant index, so the same
 * client id always trains on the same shard with the same generator wherever it runs.
 */
public final class Population {
    private Population() {
    }

    public static int first(int population, int nodes, int index) {
        return (int) ((long) index * population / nodes);
    }

    public static int end(int population, int nodes, int index) {
        return (int) ((long) (index + 1) * population / nodes);
    }

    /**
     * What two nodes must agree on before one trains the other's clients: the seed, the population, the model
     * size and every shard's (and local test split's) size and label counts. Paths to the data are not part of it: each node reads its own.
     */
    public static String fingerprint(long seed, FederatedData data, int modelParameters) {
        CRC32 crc = new CRC32();
        for (List<Shard> part : List.of(data.shards(), data.localTests())) {
            for (Shard s : part) {
                crc.update(Arrays.toString(s.labelCounts()).getBytes(StandardCharsets.US_ASCII));
                crc.update(s.size());
            }
        }
        return "seed " + seed + ", " + data.shards().size() + " clients, " + modelParameters + " parameters, shards crc "
                + Long.toHexString(crc.getValue());
    }
}
