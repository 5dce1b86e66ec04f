package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import java.util.Arrays;

/** Helpers shared by the partitioners. */
final class Partitions {
    private Partitions() {
    }

    /** Each client needs at least one sample. */
    static void requireClients(String scheme, int numClients, int samples) {
        if (numClients < 1) {
            throw new FedSimException("partition '" + scheme + "': the number of clients must be >= 1, was "
                    + numClients + ".");
        }
        if (numClients > samples) {
            throw new FedSimException("partition '" + scheme + "': " + numClients + " clients, but the training set has "
                    + "only " + samples + " samples; every client needs at least one.");
        }
    }

    /** Cuts {@code order} into consecutive pieces of the given sizes, each piece sorted ascending. */
    static int[][] cut(int[] order, int[] sizes) {
        int[][] rows = new int[sizes.length][];
        int start = 0;
        for (int k = 0; k < sizes.length; k++) {
            rows[k] = Arrays.copyOfRange(order, start, start + sizes[k]);
            Arrays.sort(rows[k]);
            start += sizes[k];
        }
        return rows;
    }

    /** Sample indices of each class, ascending. */
    static int[][] indicesByClass(Dataset data) {
        int[] counts = data.labelCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[counts.length];
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            byClass[c][fill[c]++] = i;
        }
        return byClass;
    }
}
