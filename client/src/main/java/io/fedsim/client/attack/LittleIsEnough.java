package io.fedsim.client.attack;

import java.util.List;

/**
 * "A little is enough" (Baruch, Baruch and Goldberg, NeurIPS 2019). The attackers of a cohort collude:
 * each trains honestly, they pool their own honest updates (never the benign clients'), and every one of
 * them sends mean - z * std of the pool, per coordinate: a shift small enough to hide among benign
 * updates yet consistent enough to steer robust aggregators. In a simulation the pooling is done
 * at the server, on the attackers' received updates, just before aggregation.
 */
public final class LittleIsEnough {
    private LittleIsEnough() {
    }

    /**
     * The paper's z_max for n workers of which m are attackers: with s = floor(n / 2 + 1) - m benign workers
     * the attackers need on their side, z_max = Phi^-1((n - s) / n). When the attackers are a majority
     * (s <= 0) the formula has no finite value; the probability is then capped at (n - 0.5) / n.
     */
    public static double zMax(int n, int m) {
        if (n < 1 || m < 1 || m > n) {
            throw new IllegalArgumentException("need 1 <= m <= n, was n = " + n + ", m = " + m);
        }
        int s = n / 2 + 1 - m;
        double p = s <= 0 ? (n - 0.5) / n : (double) (n - s) / n;
        return NormalQuantile.of(p);
    }

    /**
     * The malicious update every attacker sends: mean - z * std of {@code honest}, per coordinate (population
     * standard deviation; 0 with a single attacker, which then sends its own update).
     */
    public static float[] craft(List<float[]> honest, double z) {
        if (honest.isEmpty()) {
            throw new IllegalArgumentException("no attacker updates to estimate from");
        }
        int p = honest.get(0).length;
        int m = honest.size();
        float[] out = new float[p];
        for (int i = 0; i < p; i++) {
            double sum = 0;
            for (float[] u : honest) {
                sum += u[i];
            }
            double mean = sum / m;
            double sq = 0;
            for (float[] u : honest) {
                sq += (u[i] - mean) * (u[i] - mean);
            }
            out[i] = (float) (mean - z * Math.sqrt(sq / m));
        }
        return out;
    }
}
