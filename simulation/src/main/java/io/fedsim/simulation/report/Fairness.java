package io.fedsim.simulation.report;

import io.fedsim.coordinator.evaluation.FairnessKernels;

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
        if (accuracies.length == 0) {
            throw new IllegalArgumentException("no client accuracies");
        }
        // the coordinator's kernels, so that the report and metrics.csv's fed_* columns agree
        return new Fairness(accuracies.length, FairnessKernels.mean(accuracies),
                FairnessKernels.worstMean(accuracies, 0.1), FairnessKernels.std(accuracies),
                FairnessKernels.jain(accuracies));
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
