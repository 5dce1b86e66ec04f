package io.fedsim.simulation.scenario;

import java.time.Duration;
import java.util.Objects;

/** @param timeout wall-clock deadline for the replies of one round's cohort */
public record RoundSpec(Duration timeout) {
    public RoundSpec {
        Objects.requireNonNull(timeout, "timeout");
        new Checks().require(!timeout.isNegative() && !timeout.isZero(), "round.timeout",
                "must be > 0, was " + ScenarioRenderer.duration(timeout)).done();
    }
}
