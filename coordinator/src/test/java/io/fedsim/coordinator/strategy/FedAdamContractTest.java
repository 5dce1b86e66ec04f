package io.fedsim.coordinator.strategy;

/** The strategy contract for FedAdam: its moments go through state() and restore(). */
class FedAdamContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedAdam(0.1, 0.9, 0.99, 1e-3);
    }
}
