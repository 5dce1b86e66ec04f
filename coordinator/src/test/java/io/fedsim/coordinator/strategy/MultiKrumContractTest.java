package io.fedsim.coordinator.strategy;

/** The strategy contract for Multi-Krum with f = 1 on five updates. */
class MultiKrumContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new MultiKrum(0.8, 1);
    }
}
