package io.fedsim.simulation.scenario;

import io.fedsim.coordinator.strategy.Aggregators;
import java.util.Objects;

/**
 * The aggregation strategy, by the name it is registered under, and the parameters strategies of the
 * literature take. Whether the name is known is checked by the loader, which is given the registered
 * names; each strategy reads only the parameters it uses.
 *
 * @param serverLearningRate the server's step on the aggregated update (1 = plain averaging)
 * @param momentum           server momentum (FedAvgM, Hsu et al. 2019)
 * @param beta1              first-moment decay of the adaptive server optimisers (Reddi et al. 2021)
 * @param beta2              second-moment decay of the adaptive server optimisers
 * @param tau                adaptivity (the optimisers' epsilon) of Reddi et al.
 * @param trimFraction       the fraction trimmed from each end, per coordinate (trimmed mean)
 * @param byzantineClients   f, the number of attackers a robust rule must tolerate (Krum, Bulyan)
 * @param mu                 FedProx's proximal weight (Li et al. 2020)
 * @param q                  q-FFL's fairness exponent, q-FedAvg (Li, Sanjabi, Beirami, Smith 2020); 0 weighs all
 *                           clients alike
 * @param aggregator         what a server optimiser steps along: the weighted mean or a robust rule, one of
 *                           {@link Aggregators#NAMES}
 */
public record StrategySpec(String name, double serverLearningRate, double momentum, double beta1, double beta2,
                           double tau, double trimFraction, int byzantineClients, double mu, double q,
                           String aggregator) {
    public StrategySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(aggregator, "aggregator");
        new Checks()
                .require(!name.isBlank(), "strategy.name", "must not be empty")
                .positive("strategy.server-learning-rate", serverLearningRate)
                .require(momentum >= 0 && momentum < 1, "strategy.momentum", "must be in [0, 1), was " + Checks.show(momentum))
                .require(beta1 >= 0 && beta1 < 1, "strategy.beta1", "must be in [0, 1), was " + Checks.show(beta1))
                .require(beta2 >= 0 && beta2 < 1, "strategy.beta2", "must be in [0, 1), was " + Checks.show(beta2))
                .positive("strategy.tau", tau)
                .require(trimFraction >= 0 && trimFraction < 0.5, "strategy.trim-fraction",
                        "must be in [0, 0.5), was " + Checks.show(trimFraction))
                .atLeast("strategy.byzantine-clients", byzantineClients, 0)
                .nonNegative("strategy.mu", mu)
                .require(q >= 0 && !Double.isInfinite(q), "strategy.q", "must be finite and >= 0, was " + Checks.show(q))
                .require(Aggregators.NAMES.contains(aggregator), "strategy.aggregator", "expected one of "
                        + String.join(" | ", Aggregators.NAMES) + ", was " + Checks.quote(aggregator))
                .done();
    }

    /** FedAvg's defaults: only the name differs. */
    public static StrategySpec named(String name) {
        return new StrategySpec(name, 1.0, 0.9, 0.9, 0.99, 1e-3, 0.1, 1, 0.01, 1.0, Aggregators.MEAN);
    }
}
