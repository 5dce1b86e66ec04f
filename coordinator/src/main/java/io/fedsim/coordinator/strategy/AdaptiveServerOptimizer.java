package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;

/**
 * What FedAdagrad, FedAdam and FedYogi share: each is one {@link AdaptiveServerStep} with its own rule for
 * the second moment; this base hands the round, the state and its restoration to that step.
 */
abstract sealed class AdaptiveServerOptimizer implements Strategy permits FedAdagrad, FedAdam, FedYogi {
    private final AdaptiveServerStep step;

    AdaptiveServerOptimizer(String name, AdaptiveServerStep.SecondMoment rule, double serverLearningRate,
                            double beta1, double beta2, double tau, Aggregator aggregator) {
        this.step = new AdaptiveServerStep(name, rule, serverLearningRate, beta1, beta2, tau, aggregator);
    }

    @Override
    public final boolean averagesUpdates() {
        return step.averagesUpdates();
    }

    @Override
    public final RoundOutcome aggregate(int round, float[] global, List<ClientResult> results,
                                        List<ClientFailure> failures) {
        return step.aggregate(global, results, failures);
    }

    @Override
    public final Map<String, float[]> state() {
        return step.state();
    }

    @Override
    public final void restore(Map<String, float[]> state) {
        step.restore(state);
    }
}
