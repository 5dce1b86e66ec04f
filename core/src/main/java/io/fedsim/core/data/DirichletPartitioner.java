package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;

/**
 * Label-skew split with Dirichlet proportions (Hsu et al., "Measuring the Effects of Non-Identical Data
 * Distribution for Federated Visual Classification", 2019; in the per-class form of Yurochkin et al. 2019
 * and NIID-Bench): for each class, proportions over the K clients are drawn from Dir(alpha) and the class's
 * shuffled samples are cut by them. Small alpha gives each client few classes; large alpha approaches IID.
 * The whole split is redrawn (at most {@value #MAX_DRAWS} times) until every client has at least
 * {@code minSize} samples.
 */
public final class DirichletPartitioner implements Partitioner {
    static final int MAX_DRAWS = 100;

    private final double alpha;
    private final int minSize;

    public DirichletPartitioner(double alpha, int minSize) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new FedSimException("partition 'dirichlet': alpha must be a finite number > 0, was " + alpha + ".");
        }
        if (minSize < 0) {
            throw new FedSimException("partition 'dirichlet': min-size must be >= 0, was " + minSize + ".");
        }
        this.alpha = alpha;
        this.minSize = minSize;
    }

    @Override
    public int[][] split(Dataset train, int numClients, Rng rng) {
        int n = train.size();
        Partitions.requireClients("dirichlet", numClients, n);
        if ((long) numClients * minSize > n) {
            throw new FedSimException("partition 'dirichlet': " + numClients + " clients x min-size " + minSize + " = "
                    + (long) numClients * minSize + " samples, but the training set has only " + n
                    + "; use fewer clients or a smaller min-size.");
        }
        int[][] byClass = Partitions.indicesByClass(train);
        int smallest = 0;
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            int[] owner = drawOwners(byClass, n, numClients, rng);
            int[] sizes = new int[numClients];
            for (int client : owner) {
                sizes[client]++;
            }
            smallest = java.util.Arrays.stream(sizes).min().orElse(0);
            if (smallest >= minSize) {
                return rows(owner, sizes);
            }
        }
        throw new FedSimException("partition 'dirichlet' (alpha = " + alpha + ", min-size = " + minSize + "): in "
                + MAX_DRAWS + " draws over " + numClients + " clients and " + n + " samples, some client always got "
                + "fewer than " + minSize + " samples (the last draw's smallest client had " + smallest
                + "); use a larger alpha, fewer clients or a smaller min-size.");
    }

    /** The client of each sample for one draw of the per-class proportions. */
    private int[] drawOwners(int[][] byClass, int n, int numClients, Rng rng) {
        int[] owner = new int[n];
        for (int[] classIndices : byClass) {
            int[] shuffled = classIndices.clone();
            rng.shuffle(shuffled);
            double[] p = rng.nextDirichlet(alpha, numClients);
            double cumulative = 0;
            int start = 0;
            for (int k = 0; k < numClients; k++) {
                cumulative += p[k];
                int end = k == numClients - 1 ? shuffled.length
                        : Math.min(shuffled.length, (int) (cumulative * shuffled.length));
                for (int i = start; i < end; i++) {
                    owner[shuffled[i]] = k;
                }
                start = Math.max(start, end);
            }
        }
        return owner;
    }

    private static int[][] rows(int[] owner, int[] sizes) {
        int[][] rows = new int[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            rows[k] = new int[sizes[k]];
        }
        int[] fill = new int[sizes.length];
        for (int i = 0; i < owner.length; i++) {
            rows[owner[i]][fill[owner[i]]++] = i;
        }
        return rows;
    }

    @Override
    public String toString() {
        return "dirichlet(alpha=" + alpha + ", min-size=" + minSize + ")";
    }
}
