package io.fedsim.coordinator.strategy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Byzantine-robust aggregation rules as pure static kernels over a matrix of updates: one row per client,
 * in client-id order, every row the same length. No kernel modifies its input; each works coordinate by
 * coordinate with one scratch column, or on an n x n distance matrix, never on a copy of the updates.
 *
 * <p>Results do not depend on the order of the rows, except where Krum or Multi-Krum meets an exact tie
 * of scores: then the lowest row index wins, which in client-id order means the lowest client id.
 */
public final class RobustKernels {
    /** Absorbs rounding in {@code beta * n} (0.29 * 100 is 28.999...) before taking the floor. */
    private static final double FLOOR_SLACK = 1e-9;

    private RobustKernels() {
    }

    /** The coordinate-wise median; for an even count, the mean of the two middle values. */
    public static float[] median(float[][] updates) {
        int d = checkShape(updates);
        int n = updates.length;
        float[] out = new float[d];
        float[] column = new float[n];
        for (int j = 0; j < d; j++) {
            sortedColumn(updates, j, column);
            out[j] = n % 2 == 1 ? column[n / 2] : (float) (((double) column[n / 2 - 1] + column[n / 2]) / 2);
        }
        return out;
    }

    /** How many values the trimmed mean drops from each end: {@code floor(beta * n)}. */
    public static int trimmedPerSide(int n, double beta) {
        if (!(beta >= 0 && beta < 0.5)) {
            throw new IllegalArgumentException("trim fraction beta must be in [0, 0.5), was " + beta);
        }
        return (int) Math.floor(beta * n + FLOOR_SLACK);
    }

    /**
     * The coordinate-wise trimmed mean: per coordinate, drop the {@code floor(beta * n)} smallest and
     * largest values and average the rest. Needs beta in [0, 0.5), which always leaves at least one value.
     */
    public static float[] trimmedMean(float[][] updates, double beta) {
        int d = checkShape(updates);
        int n = updates.length;
        int k = trimmedPerSide(n, beta);
        float[] out = new float[d];
        float[] column = new float[n];
        for (int j = 0; j < d; j++) {
            sortedColumn(updates, j, column);
            double sum = 0;
            for (int i = k; i < n - k; i++) {
                sum += column[i];
            }
            out[j] = (float) (sum / (n - 2 * k));
        }
        return out;
    }

    /** {@code dist[a][b] = ||u_a - u_b||^2}, symmetric with a zero diagonal, accumulated in double. */
    public static double[][] pairwiseSquaredDistances(float[][] updates) {
        int d = checkShape(updates);
        int n = updates.length;
        double[][] dist = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = (double) updates[a][j] - updates[b][j];
                    s += diff * diff;
                }
                dist[a][b] = s;
                dist[b][a] = s;
            }
        }
        return dist;
    }

    /**
     * Krum scores (Blanchard et al. 2017): for each update, the sum of its squared distances to its
     * {@code n - f - 2} nearest other updates. Needs {@code n > 2f + 2}.
     */
    public static double[] krumScores(float[][] updates, int f) {
        checkKrum(updates, f);
        int n = updates.length;
        return scores(pairwiseSquaredDistances(updates), IntStream.range(0, n).toArray(), n - f - 2);
    }

    /** The row Krum selects: the lowest score, ties to the lowest index. Needs {@code n > 2f + 2}. */
    public static int krum(float[][] updates, int f) {
        return lowestScores(krumScores(updates, f), 1)[0];
    }

    /**
     * The rows Multi-Krum selects: the {@code m} lowest Krum scores, ties to the lower index, returned in
     * ascending row order. Needs {@code n > 2f + 2} and {@code 1 <= m <= n}.
     */
    public static int[] multiKrumSelection(float[][] updates, int f, int m) {
        double[] scores = krumScores(updates, f);
        if (m < 1 || m > updates.length) {
            throw new IllegalArgumentException("multi-krum must keep m in [1, n] = [1, " + updates.length + "], was " + m);
        }
        int[] chosen = lowestScores(scores, m);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Multi-Krum: the mean of the {@code m} updates with the lowest Krum scores. */
    public static float[] multiKrum(float[][] updates, int f, int m) {
        return meanOfRows(updates, multiKrumSelection(updates, f, m));
    }

    /** Multi-Krum with the default {@code m = n - f}. */
    public static float[] multiKrum(float[][] updates, int f) {
        return multiKrum(updates, f, updates.length - f);
    }

    /**
     * Bulyan's first stage (El Mhamdi et al. 2018): theta = n - 2f rows, chosen one at a time by Krum over
     * the rows not yet chosen. Each step scores against the {@code |rest| - f - 2} nearest neighbours,
     * clamped to at least one so the last steps (where fewer than f + 3 rows remain) still compare rows.
     * With one neighbour, the two rows of the closest pair always tie, so here a tie goes to the
     * lexicographically smaller row (then the lower index): the selection then does not depend on the
     * order of the rows. Returned in ascending row order. Needs {@code n >= 4f + 3}.
     */
    public static int[] bulyanSelection(float[][] updates, int f) {
        checkBulyan(updates, f);
        int n = updates.length;
        double[][] dist = pairwiseSquaredDistances(updates);
        int[] rest = IntStream.range(0, n).toArray();
        int theta = n - 2 * f;
        int[] chosen = new int[theta];
        for (int c = 0; c < theta; c++) {
            double[] s = scores(dist, rest, Math.max(1, rest.length - f - 2));
            int[] members = rest;
            int pick = IntStream.range(0, rest.length).boxed()
                    .min(Comparator.<Integer>comparingDouble(i -> s[i])
                            .thenComparing((i, j) -> Arrays.compare(updates[members[i]], updates[members[j]]))
                            .thenComparingInt(i -> members[i]))
                    .map(i -> members[i]).orElseThrow();
            chosen[c] = pick;
            rest = Arrays.stream(rest).filter(i -> i != pick).toArray();
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Bulyan: select theta = n - 2f rows by repeated Krum, then per coordinate average the
     * beta = theta - 2f selected values closest to their median (ties to the smaller value).
     * Needs {@code n >= 4f + 3}.
     */
    public static float[] bulyan(float[][] updates, int f) {
        int[] chosen = bulyanSelection(updates, f);
        float[][] selected = Arrays.stream(chosen).mapToObj(i -> updates[i]).toArray(float[][]::new);
        int beta = chosen.length - 2 * f;
        float[] med = median(selected);
        float[] out = new float[med.length];
        Float[] column = new Float[selected.length];
        for (int j = 0; j < out.length; j++) {
            for (int i = 0; i < selected.length; i++) {
                column[i] = selected[i][j];
            }
            double centre = med[j];
            Arrays.sort(column, Comparator.<Float>comparingDouble(v -> Math.abs(v - centre)).thenComparing(v -> v));
            Arrays.sort(column, 0, beta);  // sum the kept values in value order, whatever the row order
            double sum = 0;
            for (int i = 0; i < beta; i++) {
                sum += column[i];
            }
            out[j] = (float) (sum / beta);
        }
        return out;
    }

    /** The mean of the given rows, summed in double in the given order. */
    public static float[] meanOfRows(float[][] updates, int[] rows) {
        int d = checkShape(updates);
        double[] sum = new double[d];
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                sum[j] += updates[r][j];
            }
        }
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            out[j] = (float) (sum[j] / rows.length);
        }
        return out;
    }

    /** Krum scores of the member rows, each against its {@code neighbours} nearest other members. */
    private static double[] scores(double[][] dist, int[] members, int wanted) {
        int neighbours = Math.min(wanted, members.length - 1);
        double[] out = new double[members.length];
        double[] others = new double[members.length - 1];
        for (int a = 0; a < members.length; a++) {
            int k = 0;
            for (int b = 0; b < members.length; b++) {
                if (b != a) {
                    others[k++] = dist[members[a]][members[b]];
                }
            }
            Arrays.sort(others);
            double s = 0;
            for (int i = 0; i < neighbours; i++) {
                s += others[i];
            }
            out[a] = s;
        }
        return out;
    }

    /** Indices of the {@code m} lowest scores, lowest first, ties to the lower index. */
    private static int[] lowestScores(double[] scores, int m) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i))
                .limit(m).mapToInt(Integer::intValue).toArray();
    }

    private static void sortedColumn(float[][] updates, int j, float[] column) {
        for (int i = 0; i < updates.length; i++) {
            column[i] = updates[i][j];
        }
        Arrays.sort(column);
    }

    private static void checkKrum(float[][] updates, int f) {
        checkShape(updates);
        if (f < 0) {
            throw new IllegalArgumentException("f (byzantine clients) must be >= 0, was " + f);
        }
        if (updates.length <= 2 * f + 2) {
            throw new IllegalArgumentException("krum needs n > 2f + 2 = " + (2 * f + 2) + " for f = " + f
                    + ", got n = " + updates.length);
        }
    }

    private static void checkBulyan(float[][] updates, int f) {
        checkShape(updates);
        if (f < 0) {
            throw new IllegalArgumentException("f (byzantine clients) must be >= 0, was " + f);
        }
        if (updates.length < 4 * f + 3) {
            throw new IllegalArgumentException("bulyan needs n >= 4f + 3 = " + (4 * f + 3) + " for f = " + f
                    + ", got n = " + updates.length);
        }
    }

    /** Validates a non-empty matrix of equal-length rows and returns the row length. */
    private static int checkShape(float[][] updates) {
        if (updates.length == 0) {
            throw new IllegalArgumentException("needs at least one update, got none");
        }
        int d = updates[0].length;
        for (int i = 1; i < updates.length; i++) {
            if (updates[i].length != d) {
                throw new IllegalArgumentException("update " + i + " has length " + updates[i].length
                        + ", update 0 has " + d);
            }
        }
        return d;
    }
}
