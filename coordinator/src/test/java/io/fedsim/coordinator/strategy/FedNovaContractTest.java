package io.fedsim.coordinator.strategy;

/** The strategy contract for FedNova (results carry each client's local step count). */
class FedNovaContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedNova(1.0);
    }
}
