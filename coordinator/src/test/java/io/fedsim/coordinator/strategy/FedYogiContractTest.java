package io.fedsim.coordinator.strategy;

/** The strategy contract for FedYogi: its moments go through state() and restore(). */
class FedYogiContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedYogi(0.1, 0.9, 0.99, 1e-3);
    }
}
