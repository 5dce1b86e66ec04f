package io.fedsim.coordinator.strategy;

import io.fedsim.client.TrainingPlan;
import io.fedsim.core.privacy.Clipping;
import java.util.List;
import java.util.Map;

/**
 * SCAFFOLD, stochastic controlled averaging (Karimireddy, Kale, Mohri, Reddi, Stich, Suresh 2020, "SCAFFOLD:
 * Stochastic Controlled Averaging for Federated Learning", ICML, Algorithm 1). The server keeps a control
 * variate c, the mean of the N clients' c_i; every client corrects its local steps by c - c_i and reports
 * delta_y and delta_c (option II, see {@code io.fedsim.client.ScaffoldClient}). Over the clients S that
 * reported:
 * <pre>
 *   x <- x + eta_g * (1/|S|) sum_S delta_y
 *   c <- c + (|S|/N) * (1/|S|) sum_S delta_c  =  c + (1/N) sum_S delta_c
 * </pre>
 * Plain means, as in the paper, not FedAvg's sample weights: c must stay the unweighted mean of the c_i for
 * the correction to be unbiased, and x follows the same weighting. The state is {@code "c"}; a skipped round
 * leaves it untouched. A client whose reply the round discards (it timed out after training) has already
 * stored its new c_i, so c then drifts from the mean of the c_i; the paper assumes every sampled client reports.
 * Metric {@code control_variate_norm}: ||c|| after the round.
 */
public final class Scaffold implements Strategy {
    private static final String C = "c";
    private static final float[] ZERO = new float[0];

    private final float serverLearningRate;
    private final int population;
    private float[] c;

    /**
     * @param serverLearningRate eta_g (the paper's global step size; 1 is plain averaging)
     * @param population         N, the number of clients in the federation, >= 1
     */
    public Scaffold(double serverLearningRate, int population) {
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        if (population < 1) {
            throw new IllegalArgumentException("scaffold needs the population size N >= 1, was " + population);
        }
        this.population = population;
    }

    @Override
    public String name() {
        return "scaffold";
    }

    /** The clients get c, shared read-only (each round replaces the array, never writes to it); empty means 0. */
    @Override
    public TrainingPlan clientPlan(int round, TrainingPlan plan) {
        return plan.withServerControl(c == null ? ZERO : c);
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        if (results.isEmpty()) {
            return new RoundOutcome.Skipped("no client reported an update (" + failures.size() + " failed or timed out)");
        }
        if (results.size() > population) {
            throw new IllegalStateException("scaffold: " + results.size() + " results from a population of " + population);
        }
        float[] meanDeltaY = new float[global.length];
        float[] nextC = c == null ? new float[global.length] : c.clone();
        ServerOptimizers.checkLength(nextC, global.length, name());
        float weight = 1f / results.size();
        for (ClientResult r : results) {
            if (r.controlDelta().isEmpty()) {
                return new RoundOutcome.Skipped("scaffold needs every client's control-variate change; client "
                        + r.clientId() + " sent none");
            }
            Kernels.addScaled(meanDeltaY, r.delta(), weight);
        }
        for (ClientResult r : results) {
            Kernels.addScaled(nextC, r.controlDelta().get(), 1f / population);
        }
        c = nextC;
        return new RoundOutcome.Aggregated(Kernels.plusScaled(global, meanDeltaY, serverLearningRate),
                Map.of("control_variate_norm", Clipping.l2Norm(c)));
    }

    @Override
    public Map<String, float[]> state() {
        return c == null ? Map.of() : ServerOptimizers.copy(Map.of(C, c));
    }

    @Override
    public void restore(Map<String, float[]> state) {
        c = state.isEmpty() ? null : ServerOptimizers.take(state, name(), C)[0];
    }
}
