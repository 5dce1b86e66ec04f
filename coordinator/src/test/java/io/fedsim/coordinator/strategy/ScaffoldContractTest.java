package io.fedsim.coordinator.strategy;

/** The strategy contract for SCAFFOLD: its server control variate c goes through state() and restore(). */
class ScaffoldContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new Scaffold(0.8, 100);
    }
}
