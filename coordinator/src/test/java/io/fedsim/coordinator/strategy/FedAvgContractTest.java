package io.fedsim.coordinator.strategy;

/** The strategy contract for FedAvg, with a server learning rate other than 1. */
class FedAvgContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedAvg(0.9);
    }
}
