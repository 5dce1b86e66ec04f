package io.fedsim.coordinator.strategy;

import java.util.List;

/**
 * The parameters a scenario's {@code strategy} block gives every strategy; each strategy reads the ones
 * it uses and declares them in {@link StrategyProvider#parameters()} by their scenario key ({@link #KEYS}).
 * The simulation fills this in from its scenario, so the coordinator does not depend on the scenario format.
 *
 * @param serverLearningRate eta, the server's step on the aggregated update ({@code strategy.server-learning-rate})
 * @param momentum           server momentum, FedAvgM ({@code strategy.momentum})
 * @param beta1              first-moment decay of the adaptive server optimisers ({@code strategy.beta1})
 * @param beta2              second-moment decay of the adaptive server optimisers ({@code strategy.beta2})
 * @param tau                adaptivity of the adaptive server optimisers ({@code strategy.tau})
 * @param trimFraction       fraction trimmed at each end per coordinate ({@code strategy.trim-fraction})
 * @param byzantineClients   f, the attackers a robust rule tolerates ({@code strategy.byzantine-clients})
 * @param mu                 FedProx's proximal weight ({@code strategy.mu})
 * @param q                  q-FFL's fairness exponent, q-FedAvg ({@code strategy.q})
 * @param aggregator         how a server optimiser turns the updates into its pseudo-gradient, one of
 *                           {@link Aggregators#NAMES} ({@code strategy.aggregator})
 * @param population         N, the number of clients in the federation (SCAFFOLD's N); 0 where not known. Not
 *                           a scenario key: the run fills it in once the data is partitioned
 */
public record StrategyParameters(double serverLearningRate, double momentum, double beta1, double beta2, double tau,
                                 double trimFraction, int byzantineClients, double mu, double q, String aggregator,
                                 int population) {

    public static final String SERVER_LEARNING_RATE = "strategy.server-learning-rate";
    public static final String MOMENTUM = "strategy.momentum";
    public static final String BETA1 = "strategy.beta1";
    public static final String BETA2 = "strategy.beta2";
    public static final String TAU = "strategy.tau";
    public static final String TRIM_FRACTION = "strategy.trim-fraction";
    public static final String BYZANTINE_CLIENTS = "strategy.byzantine-clients";
    public static final String MU = "strategy.mu";
    public static final String Q = "strategy.q";
    public static final String AGGREGATOR = "strategy.aggregator";

    /** Every scenario key a strategy may read, in the order of the record's components. */
    public static final List<String> KEYS = List.of(SERVER_LEARNING_RATE, MOMENTUM, BETA1, BETA2, TAU, TRIM_FRACTION,
            BYZANTINE_CLIENTS, MU, Q, AGGREGATOR);

    public StrategyParameters {
        java.util.Objects.requireNonNull(aggregator, "aggregator");
        if (population < 0) {
            throw new IllegalArgumentException("population must be >= 0 (0: unknown), was " + population);
        }
    }

    /** With the mean aggregator and an unknown population. */
    public StrategyParameters(double serverLearningRate, double momentum, double beta1, double beta2, double tau,
                              double trimFraction, int byzantineClients, double mu, double q) {
        this(serverLearningRate, momentum, beta1, beta2, tau, trimFraction, byzantineClients, mu, q,
                Aggregators.MEAN, 0);
    }

    /** Without q (q-FedAvg's default, 1). */
    public StrategyParameters(double serverLearningRate, double momentum, double beta1, double beta2, double tau,
                              double trimFraction, int byzantineClients, double mu) {
        this(serverLearningRate, momentum, beta1, beta2, tau, trimFraction, byzantineClients, mu, 1.0);
    }

    /** The defaults of the scenario format's {@code reference.conf}, for an unknown population. */
    public static StrategyParameters defaults() {
        return new StrategyParameters(1.0, 0.9, 0.9, 0.99, 1e-3, 0.1, 1, 0.01, 1.0);
    }

    /** The same parameters for a federation of {@code n} clients. */
    public StrategyParameters withPopulation(int n) {
        return new StrategyParameters(serverLearningRate, momentum, beta1, beta2, tau, trimFraction, byzantineClients,
                mu, q, aggregator, n);
    }

    /** The same parameters with another aggregator. */
    public StrategyParameters withAggregator(String name) {
        return new StrategyParameters(serverLearningRate, momentum, beta1, beta2, tau, trimFraction, byzantineClients,
                mu, q, name, population);
    }
}
