package io.fedsim.coordinator.strategy;

/** The strategy contract for Bulyan with f = 1 on seven updates (n >= 4f + 3). */
class BulyanContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new Bulyan(1.0, 1);
    }

    /** Bulyan with f = 1 needs n >= 4f + 3 updates. */
    @Override
    protected int minimumClients() {
        return 7;
    }
}
