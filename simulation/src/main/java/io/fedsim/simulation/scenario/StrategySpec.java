package io.fedsim.simulation.scenario;

import java.util.Objects;

/**
 * The aggregation strategy, by the name it is registered under. Whether the name is known is checked by
 * the loader, which is given the registered names.
 */
public record StrategySpec(String name) {
    public StrategySpec {
        Objects.requireNonNull(name, "name");
        new Checks().require(!name.isBlank(), "strategy.name", "must not be empty").done();
    }
}
