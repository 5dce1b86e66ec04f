package io.fedsim.coordinator.strategy;

/** The strategy contract for FedProx's server side (FedAvg); its client plan is tested in FedProxTest. */
class FedProxContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new FedProx(0.01, 1.0);
    }
}
