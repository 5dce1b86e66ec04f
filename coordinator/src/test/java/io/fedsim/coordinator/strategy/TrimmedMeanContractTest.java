package io.fedsim.coordinator.strategy;

/** The strategy contract for the trimmed mean, trimming one of the five values per side. */
class TrimmedMeanContractTest extends StrategyContract {
    @Override
    protected Strategy newStrategy() {
        return new TrimmedMean(1.0, 0.2);
    }
}
