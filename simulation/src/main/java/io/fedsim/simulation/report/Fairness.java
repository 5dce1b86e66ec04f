package io.fedsim.simulation.report;

import java.util.Arrays;

/**
 * How evenly a model serves its clients, from one accuracy per client (each client counts once, however
 * many samples it holds: fairness is about clients, not samples). Pure functions over arrays.
 *
 * @param worst10  the mean accuracy of the floor(n / 10) least accurate clients (at least one), as in q-FFL
 *                 (Li et al. 2020)
 * @param stdDev   the population standard deviation of the accuracies
 * @param jain     Jain's fairness index (sum x)^2 / (n sum x^2): 1 when all are equal, 1/n when one client has it all
 */
record Fairness(int clients, double mean, double worst10, double stdDev, double jain) {

    static Fairness of(double[] accuracies) {
        int n = accuracies.length;
        if (n == 0) {
            throw new IllegalArgumentException("no client accuracies");
        }
        double[] sorted = accuracies.clone();
        Arrays.sort(sorted);
        double sum = 0;
        double squares = 0;
        for (double a : sorted) {
            sum += a;
            squares += a * a;
        }
        double mean = sum / n;
        double variance = 0;
        for (double a : sorted) {
            variance += (a - mean) * (a - mean);
        }
        // the clients wholly inside the lowest tenth, and at least one: the same count the coordinator's
        // fed_accuracy_worst10 column uses, so report and metrics.csv agree
        int worst = Math.max(1, (int) Math.floor(0.1 * n + 1e-9));
        double worstSum = 0;
        for (int i = 0; i < worst; i++) {
            worstSum += sorted[i];
        }
        // all zero: every client is served equally badly, which is still equal
        double jain = squares == 0 ? 1.0 : sum * sum / (n * squares);
        return new Fairness(n, mean, worstSum / worst, Math.sqrt(variance / n), jain);
    }

    /** The p-quantile (0..1) of sorted values, interpolating linearly between order statistics. */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
