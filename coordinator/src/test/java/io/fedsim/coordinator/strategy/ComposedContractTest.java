package io.fedsim.coordinator.strategy;

/** The strategy contract for a composed strategy: FedAdam stepping along the trimmed mean. */
class ComposedContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedAdam(0.1, 0.9, 0.99, 1e-3, Aggregators.trimmedMean(0.2));
    }
}
