package io.fedsim.simulation.cli;

import io.fedsim.core.data.LabelCounts;
import io.fedsim.core.data.Shard;
import io.fedsim.simulation.scenario.Scenario;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The text {@code fedsim partition} prints: sizes and label spread over the clients, then the first few. */
final class PartitionSummary {
    private PartitionSummary() {
    }

    static String describe(Scenario s, List<Shard> shards, int listed) {
        StringBuilder b = new StringBuilder();
        int[] samples = LabelCounts.samplesPerClient(shards);
        int[] labels = LabelCounts.labelsPerClient(shards);
        int classes = shards.isEmpty() ? 0 : shards.get(0).data().numClasses();
        b.append(String.format(Locale.ROOT, "%s: %d clients, %d training samples, %d labels, partition %s%s%n",
                s.name(), shards.size(), Arrays.stream(samples).sum(), classes,
                s.data().partition().scheme().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                s.eval().federated() ? " (local training parts: local-test-fraction " + s.eval().localTestFraction()
                        + " held out for federated evaluation)" : ""));
        b.append("samples per client: ").append(spread(samples)).append(System.lineSeparator());
        b.append("labels per client:  ").append(spread(labels)).append(System.lineSeparator());
        int shown = Math.min(listed, shards.size());
        if (shown > 0) {
            b.append(String.format(Locale.ROOT, "first %d clients (label:count):%n", shown));
        }
        for (int client = 0; client < shown; client++) {
            int[] counts = shards.get(client).labelCounts();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  client %d (%d):", client, samples[client]));
            for (int label = 0; label < counts.length; label++) {
                if (counts[label] > 0) {
                    line.append(' ').append(label).append(':').append(counts[label]);
                }
            }
            b.append(line).append(System.lineSeparator());
        }
        return b.toString();
    }

    /** "min A / median B / max C"; the median of an even count is the mean of the middle two. */
    static String spread(int[] values) {
        if (values.length == 0) {
            return "none";
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        String m = median == Math.rint(median) ? String.valueOf((long) median) : String.format(Locale.ROOT, "%.1f", median);
        return "min " + sorted[0] + " / median " + m + " / max " + sorted[n - 1];
    }
}
