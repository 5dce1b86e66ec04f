package io.fedsim.client;

import io.fedsim.core.data.Shard;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.rng.Rng;
import java.util.Optional;

/**
 * Local training of FedAvg's ClientUpdate (McMahan et al. 2017, Algorithm 1): starting from the global
 * parameters, E epochs of minibatch SGD over the client's shard, each epoch in a fresh random order drawn
 * from the client's own generator, the last batch of an epoch possibly smaller. With a proximal weight mu
 * (FedProx, Li et al. 2020) every step also pulls towards the global parameters: the gradient gains
 * mu * (w - w_global). The reported loss is the data loss, without the proximal term. When the plan asks,
 * the client first evaluates the global parameters on its whole shard (q-FedAvg's F_k(w_t), Li et al. 2020,
 * "Fair Resource Allocation in Federated Learning"); that pass draws no randomness, so training is unchanged.
 * With a gradient correction (SCAFFOLD's c - c_i, see {@link ScaffoldClient}) every step's gradient gains
 * that constant vector.
 */
public final class LocalTrainer {
    private LocalTrainer() {
    }

    public static TrainResult train(ModelWorkspace workspace, float[] global, Shard shard, TrainingPlan plan, Rng rng) {
        return train(workspace, global, shard, plan, rng, Optional.empty());
    }

    /** @param correction a vector added to every step's gradient (SCAFFOLD's c - c_i), if present */
    public static TrainResult train(ModelWorkspace workspace, float[] global, Shard shard, TrainingPlan plan, Rng rng,
                                    Optional<float[]> correction) {
        int n = shard.size();
        if (n == 0) {
            return new TrainResult(new float[global.length], 0, Double.NaN, 0);
        }
        workspace.setParameters(global);
        double globalLoss = plan.reportGlobalLoss()
                ? workspace.evaluate(shard.data(), shard.indices()).meanLoss() : Double.NaN;
        boolean proximal = plan.proximalMu() > 0;
        if (proximal) {
            workspace.setAnchor();
        }
        correction.ifPresent(workspace::setGradientCorrection);
        int batch = plan.effectiveBatchSize(n);
        int[] order = shard.indices().clone();
        double lossSum = 0;
        int steps = 0;
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            rng.shuffle(order);
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                if (proximal || correction.isPresent()) {
                    lossSum += workspace.computeGradient(shard.data(), order, from, to) * (to - from);
                    if (proximal) {
                        workspace.addProximalGradient(plan.proximalMu());
                    }
                    if (correction.isPresent()) {
                        workspace.addGradientCorrection();
                    }
                    workspace.applyGradient(plan.learningRate());
                } else { // the fused step: no gradient vector in between
                    lossSum += workspace.sgdStep(shard.data(), order, from, to, plan.learningRate()) * (to - from);
                }
                steps++;
            }
        }
        float[] delta = new float[global.length];
        workspace.getParameters(delta);
        for (int i = 0; i < delta.length; i++) {
            delta[i] -= global[i];
        }
        return new TrainResult(delta, n, lossSum / ((double) n * plan.epochs()), steps, globalLoss);
    }
}
