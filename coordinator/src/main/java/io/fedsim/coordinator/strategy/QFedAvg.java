package io.fedsim.coordinator.strategy;

import io.fedsim.client.TrainingPlan;
import java.util.List;
import java.util.Map;

/**
 * q-FedAvg (Li, Sanjabi, Beirami, Smith 2020, "Fair Resource Allocation in Federated Learning", ICLR), which
 * minimises the q-FFL objective sum_k p_k F_k^(q+1)(w) / (q + 1): the larger q, the more the clients with a
 * high loss weigh, for a more uniform accuracy across clients. The server step is the paper's Algorithm 2,
 * with L the inverse of the clients' learning rate and F_k(w_t) each client's loss at the global model:
 *
 * <pre>
 *   Delta_w_k = L (w_t - w_k) = -L delta_k
 *   Delta_k   = F_k^q(w_t) Delta_w_k
 *   h_k       = q F_k^(q-1)(w_t) ||Delta_w_k||^2 + L F_k^q(w_t)
 *   w_{t+1}   = w_t - eta * sum_k Delta_k / sum_k h_k          (eta = 1 in the paper)
 * </pre>
 *
 * The sums are unweighted: the paper samples clients with probability p_k instead. With q = 0 the step is the
 * plain mean of the deltas, {@code w_t + eta * (1/K) sum_k delta_k} (FedAvg with equal client weights). The
 * strategy's client plan asks the clients to report F_k(w_t); it needs each client's own loss, so it does not
 * run under central DP.
 */
public final class QFedAvg implements Strategy {
    private final double q;
    private final float serverLearningRate;
    private final boolean lipschitzFromPlan;
    private double lipschitz;

    /** With L = 1 / the learning rate of the clients' plan, as the paper sets it. */
    public QFedAvg(double q, double serverLearningRate) {
        this(q, serverLearningRate, Double.NaN, true);
    }

    /** With a fixed L, whatever the clients' learning rate. */
    public QFedAvg(double q, double serverLearningRate, double lipschitz) {
        this(q, serverLearningRate, lipschitz, false);
        if (!(lipschitz > 0) || Double.isInfinite(lipschitz)) {
            throw new IllegalArgumentException("q-fedavg: L must be finite and > 0, was " + lipschitz);
        }
    }

    private QFedAvg(double q, double serverLearningRate, double lipschitz, boolean lipschitzFromPlan) {
        if (!(q >= 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("q-fedavg: q must be finite and >= 0, was " + q);
        }
        this.q = q;
        this.serverLearningRate = Kernels.serverLearningRate(serverLearningRate);
        this.lipschitz = lipschitz;
        this.lipschitzFromPlan = lipschitzFromPlan;
    }

    @Override
    public String name() {
        return "qfedavg";
    }

    /** Asks the clients for F_k(w_t), and takes L = 1 / learning rate from the round's plan unless L is fixed. */
    @Override
    public TrainingPlan clientPlan(int round, TrainingPlan plan) {
        if (lipschitzFromPlan) {
            lipschitz = 1.0 / plan.learningRate();
        }
        return plan.withReportGlobalLoss(true);
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        var skipped = ServerOptimizers.skip(results, failures);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (Double.isNaN(lipschitz)) {
            return new RoundOutcome.Skipped("q-fedavg takes L = 1 / learning rate from the clients' plan, and saw none");
        }
        double L = lipschitz;
        float[] weightedDeltas = new float[global.length];   // sum_k F_k^q delta_k, one running sum
        double h = 0;
        double lossSum = 0;
        int clients = 0;
        for (ClientResult r : results) {
            if (r.numSamples() == 0) {
                continue;   // no data, no loss: it takes no part in q-FFL's objective
            }
            double f = r.globalLoss();
            if (!(f >= 0) || Double.isInfinite(f)) {
                return new RoundOutcome.Skipped("q-fedavg needs every client's loss at the global model, F_k(w_t); "
                        + "client " + r.clientId() + " reported " + f);
            }
            double fq = q == 0 ? 1 : Math.pow(f, q);
            double qfq1 = q == 0 ? 0 : q * Math.pow(f, q - 1);
            double stepNormSq = L * L * squaredNorm(r.delta());   // ||Delta_w_k||^2
            h += qfq1 * stepNormSq + L * fq;
            Kernels.addScaled(weightedDeltas, r.delta(), (float) fq);
            lossSum += f;
            clients++;
        }
        if (!(h > 0) || Double.isInfinite(h)) {
            return new RoundOutcome.Skipped("q-fedavg: the sum of h_k is " + h + " (every client's loss at the global "
                    + "model is 0, or one is 0 with q < 1), so the step is undefined");
        }
        // w - eta * sum_k Delta_k / h = w + eta * (L / h) * sum_k F_k^q delta_k
        float[] next = Kernels.plusScaled(global, weightedDeltas, (float) (serverLearningRate * L / h));
        return new RoundOutcome.Aggregated(next, Map.of("global_loss_mean", lossSum / clients));
    }

    private static double squaredNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
