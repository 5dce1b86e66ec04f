package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * The step FedAdagrad, FedAdam and FedYogi share (Reddi et al. 2021, "Adaptive Federated Optimization",
 * Algorithm 2), with the second-moment rule as the one part that differs. Per coordinate, with the
 * pseudo-gradient Delta_t:
 * <pre>
 *   m_t     = beta1 * m_{t-1} + (1 - beta1) * Delta_t
 *   v_t     = rule(v_{t-1}, Delta_t^2)
 *   w_{t+1} = w_t + eta * m_t / (sqrt(v_t) + tau)
 * </pre>
 * As in the paper, without bias correction. Initial state: m_{-1} = 0 and v_{-1} = tau^2, the smallest
 * value the paper's "v_{-1} >= tau^2" allows (it keeps the first step's denominator at 2 tau instead of
 * letting a single round's Delta_t^2 set the scale on its own, and Yogi's v positive). Each coordinate is
 * computed in double and stored as float. The moments are replaced only when a round aggregates.
 * Delta_t comes from an {@link Aggregator}: the weighted mean, or a robust rule whose metrics the round reports.
 */
final class AdaptiveServerStep {
    static final String M = "m";
    static final String V = "v";

    /** How v_t follows from v_{t-1} and Delta_t^2. */
    enum SecondMoment {
        /** v_t = v_{t-1} + Delta_t^2. */
        ADAGRAD {
            @Override
            double next(double v, double d2, double beta2) {
                return v + d2;
            }
        },
        /** v_t = beta2 v_{t-1} + (1 - beta2) Delta_t^2. */
        ADAM {
            @Override
            double next(double v, double d2, double beta2) {
                return beta2 * v + (1 - beta2) * d2;
            }
        },
        /** v_t = v_{t-1} - (1 - beta2) Delta_t^2 sign(v_{t-1} - Delta_t^2). */
        YOGI {
            @Override
            double next(double v, double d2, double beta2) {
                return v - (1 - beta2) * d2 * Math.signum(v - d2);
            }
        };

        abstract double next(double v, double d2, double beta2);
    }

    private final String name;
    private final SecondMoment rule;
    private final double eta;
    private final double beta1;
    private final double beta2;
    private final double tau;
    private final Aggregator aggregator;
    private float[] m;
    private float[] v;

    AdaptiveServerStep(String name, SecondMoment rule, double eta, double beta1, double beta2, double tau,
                       Aggregator aggregator) {
        if (!(eta > 0)) {
            throw new IllegalArgumentException("server learning rate must be > 0, was " + eta);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), were " + beta1 + " and " + beta2);
        }
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be > 0, was " + tau);
        }
        this.name = name;
        this.rule = rule;
        this.eta = eta;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.tau = tau;
        this.aggregator = java.util.Objects.requireNonNull(aggregator, "aggregator");
    }

    boolean averagesUpdates() {
        return aggregator.averagesUpdates();
    }

    RoundOutcome aggregate(float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        Aggregator.Result aggregate = aggregator.aggregate(results, failures, global.length);
        if (!(aggregate instanceof Aggregator.Combined combined)) {
            return new RoundOutcome.Skipped(((Aggregator.Skipped) aggregate).reason());
        }
        float[] delta = combined.delta();
        float[] nextM = m == null ? new float[global.length] : m.clone();
        float[] nextV = v == null ? initialV(global.length) : v.clone();
        ServerOptimizers.checkLength(nextM, global.length, name);
        float[] next = new float[global.length];
        for (int i = 0; i < next.length; i++) {
            double d = delta[i];
            double mi = beta1 * nextM[i] + (1 - beta1) * d;
            double vi = rule.next(nextV[i], d * d, beta2);
            nextM[i] = (float) mi;
            nextV[i] = (float) vi;
            next[i] = (float) (global[i] + eta * mi / (Math.sqrt(vi) + tau));
        }
        m = nextM;
        v = nextV;
        return new RoundOutcome.Aggregated(next, combined.metrics());
    }

    private float[] initialV(int length) {
        float[] v0 = new float[length];
        java.util.Arrays.fill(v0, (float) (tau * tau));
        return v0;
    }

    Map<String, float[]> state() {
        return m == null ? Map.of() : ServerOptimizers.copy(Map.of(M, m, V, v));
    }

    void restore(Map<String, float[]> state) {
        if (state.isEmpty()) {
            m = null;
            v = null;
            return;
        }
        float[][] mv = ServerOptimizers.take(state, name, M, V);
        m = mv[0];
        v = mv[1];
    }
}
