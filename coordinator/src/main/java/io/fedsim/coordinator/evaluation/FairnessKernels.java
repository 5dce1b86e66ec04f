package io.fedsim.coordinator.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summaries of how evenly the global model serves the clients, over their local test accuracies: the
 * mean, the mean of the worst 10%, the spread, and Jain's fairness index (Jain, Chiu and Hawe 1984).
 * Pure functions over arrays; every array must be non-empty.
 */
public final class FairnessKernels {

    /** The metrics.csv columns these figures fill, in order. */
    public static final List<String> COLUMNS = List.of("fed_accuracy_mean", "fed_accuracy_worst10",
            "fed_accuracy_std", "fed_jain");

    private FairnessKernels() {
    }

    /**
     * The {@link #COLUMNS} figures over the clients that have local test samples; empty when none has
     * (the cells then stay blank).
     */
    public static Map<String, Double> metrics(List<ClientEvaluation> clients) {
        double[] acc = clients.stream().filter(c -> c.samples() > 0).mapToDouble(ClientEvaluation::testAccuracy).toArray();
        Map<String, Double> m = new LinkedHashMap<>();
        if (acc.length == 0) {
            return m;
        }
        m.put(COLUMNS.get(0), mean(acc));
        m.put(COLUMNS.get(1), worstMean(acc, 0.1));
        m.put(COLUMNS.get(2), std(acc));
        m.put(COLUMNS.get(3), jain(acc));
        return m;
    }

    public static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /**
     * The mean of the lowest {@code max(1, floor(fraction * n))} values: the clients wholly inside the
     * worst {@code fraction}, and at least one, so a small population still reports its worst client.
     */
    public static double worstMean(double[] x, double fraction) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int k = Math.max(1, (int) Math.floor(fraction * sorted.length + 1e-9));
        return mean(Arrays.copyOf(sorted, k));
    }

    /** The population standard deviation (divides by n): the clients evaluated are the population described. */
    public static double std(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / x.length);
    }

    /**
     * Jain's index (sum x)^2 / (n * sum x^2): 1 when every client does equally well, 1/n when one client
     * has it all. All zeros are equal too, so they give 1 rather than 0/0.
     */
    public static double jain(double[] x) {
        double sum = 0;
        double squares = 0;
        for (double v : x) {
            sum += v;
            squares += v * v;
        }
        return squares == 0 ? 1.0 : sum * sum / (x.length * squares);
    }
}
