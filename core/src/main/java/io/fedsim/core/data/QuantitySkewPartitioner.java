package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Quantity skew: client sizes proportional to lognormal(0, sigma) draws, samples assigned IID (as in
 * NIID-Bench, Li et al. 2022, with a lognormal instead of a Dirichlet law). Every client gets one sample,
 * the other n - K are shared in proportion to the draws by largest remainder, so sizes sum to n exactly.
 * sigma = 0 gives equal sizes; larger sigma, heavier tails.
 */
public final class QuantitySkewPartitioner implements Partitioner {
    private final double sigma;

    public QuantitySkewPartitioner(double sigma) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new FedSimException("partition 'quantity-skew': sigma must be a finite number >= 0, was " + sigma + ".");
        }
        this.sigma = sigma;
    }

    @Override
    public int[][] split(Dataset train, int numClients, Rng rng) {
        int n = train.size();
        Partitions.requireClients("quantity-skew", numClients, n);
        double[] weights = new double[numClients];
        for (int k = 0; k < numClients; k++) {
            weights[k] = Math.exp(rng.nextGaussian(0, sigma));
        }
        return Partitions.cut(rng.permutation(n), sizes(weights, n));
    }

    /** One sample each, then n - K shared in proportion to the weights by largest remainder (ties: lower index). */
    static int[] sizes(double[] weights, int n) {
        int clients = weights.length;
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        int rest = n - clients;
        int[] sizes = new int[clients];
        double[] remainder = new double[clients];
        int given = 0;
        for (int k = 0; k < clients; k++) {
            double share = weights[k] / total * rest;
            int whole = (int) Math.min(Math.floor(share), rest);
            sizes[k] = 1 + whole;
            remainder[k] = share - whole;
            given += whole;
        }
        int[] byRemainder = IntStream.range(0, clients).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -remainder[k]).thenComparingInt(k -> k))
                .mapToInt(Integer::intValue).toArray();
        for (int i = 0; given < rest; i = (i + 1) % clients) {
            sizes[byRemainder[i]]++;
            given++;
        }
        for (int i = clients - 1; given > rest; i = (i + clients - 1) % clients) { // rounding overshoot, never in practice
            if (sizes[byRemainder[i]] > 1) {
                sizes[byRemainder[i]]--;
                given--;
            }
        }
        return sizes;
    }

    @Override
    public String toString() {
        return "quantity-skew(sigma=" + sigma + ")";
    }
}
