package io.fedsim.coordinator.strategy;

/** The strategy contract for the coordinate-wise median. */
class FedMedianContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedMedian(1.0);
    }
}
