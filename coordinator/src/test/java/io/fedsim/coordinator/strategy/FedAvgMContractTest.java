package io.fedsim.coordinator.strategy;

/** The strategy contract for FedAvgM: its velocity goes through state() and restore(). */
class FedAvgMContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedAvgM(0.7, 0.9);
    }
}
