package io.fedsim.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How many samples of each label every client holds: what a partition looks like, for partition.csv and
 * {@code fedsim partition}. Pure: reads the shards, changes nothing.
 */
public final class LabelCounts {
    private LabelCounts() {
    }

    /** One client's samples of one label; only counts above zero are listed. */
    public record Row(int clientId, int label, int count) {
    }

    /** Rows in ascending client id, then ascending label; a client id is the shard's index in the list. */
    public static List<Row> rows(List<Shard> shards) {
        List<Row> rows = new ArrayList<>();
        for (int client = 0; client < shards.size(); client++) {
            int[] counts = shards.get(client).labelCounts();
            for (int label = 0; label < counts.length; label++) {
                if (counts[label] > 0) {
                    rows.add(new Row(client, label, counts[label]));
                }
            }
        }
        return rows;
    }

    /** How many distinct labels each client holds, by client id. */
    public static int[] labelsPerClient(List<Shard> shards) {
        int[] labels = new int[shards.size()];
        for (int client = 0; client < shards.size(); client++) {
            for (int count : shards.get(client).labelCounts()) {
                if (count > 0) {
                    labels[client]++;
                }
            }
        }
        return labels;
    }

    /** Each client's sample count, by client id. */
    public static int[] samplesPerClient(List<Shard> shards) {
        return shards.stream().mapToInt(Shard::size).toArray();
    }
}
