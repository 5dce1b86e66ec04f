package io.fedsim.coordinator.strategy;

/** The strategy contract for FedAdagrad: its moments go through state() and restore(). */
class FedAdagradContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedAdagrad(0.1, 0.9, 1e-3);
    }
}
