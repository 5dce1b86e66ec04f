package io.fedsim.coordinator.strategy;

/** The strategy contract for Krum with f = 1 on five updates (n > 2f + 2). */
class KrumContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new Krum(1.0, 1);
    }
}
