package io.fedsim.coordinator.strategy;

/**
 * The strategy contract for q-FedAvg, with L fixed (the kit calls aggregate without a client plan, from
 * which q-FedAvg otherwise takes L = 1 / learning rate); results carry each client's loss at the global model.
 */
class QFedAvgContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new QFedAvg(1.0, 1.0, 10.0);
    }
}
