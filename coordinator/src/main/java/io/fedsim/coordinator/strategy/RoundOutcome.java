package io.fedsim.coordinator.strategy;

import java.util.Map;

/** What a strategy makes of a round: a new global model, or an explicit reason why there is none. */
public sealed interface RoundOutcome {

    /** New global parameters, with any figures the strategy wants recorded. */
    record Aggregated(float[] params, Map<String, Double> metrics) implements RoundOutcome {
    }

    /** The global model stays as it was. */
    record Skipped(String reason) implements RoundOutcome {
    }
}
