package org.example;

import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.strategy.StrategyContract;

/** The worked example of docs/strategies.md under the strategy contract, from the fedsim-coordinator test-jar. */
class MedianNormClipContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new MedianNormClip(0.8);
    }
}
