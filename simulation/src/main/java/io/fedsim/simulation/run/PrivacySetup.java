package io.fedsim.simulation.run;

import io.fedsim.coordinator.CohortSampling;
import io.fedsim.coordinator.privacy.CentralDp;
import io.fedsim.coordinator.privacy.PrivacyAccounting;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.core.privacy.RdpAccountant;
import io.fedsim.simulation.scenario.PrivacySpec;
import io.fedsim.simulation.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's privacy, resolved for a run: how cohorts are drawn, the noise multiplier (calibrated for
 * the target epsilon when asked), the strategy wrapped in central DP, and the accounting.
 *
 * @param samplingRate q = expected cohort / population, one accountant step per round
 */
record PrivacySetup(CohortSampling sampling, double samplingRate, double noiseMultiplier,
                    Optional<PrivacyAccounting> accounting) {

    /** The per-round columns a private run adds to metrics.csv. */
    static final List<String> METRIC_COLUMNS = List.of("epsilon", "clip_norm", "clipped_fraction");

    static PrivacySetup of(Scenario scenario, int population) {
        PrivacySpec p = scenario.privacy();
        int cohort = Math.min(scenario.clients().clientsPerRound(), population);
        double q = (double) cohort / population;
        if (!p.enabled()) {
            return new PrivacySetup(new CohortSampling.Fixed(cohort), q, 0, Optional.empty());
        }
        double z = p.calibrate()
                ? RdpAccountant.noiseMultiplier(q, p.targetEpsilon().getAsDouble(), scenario.rounds(), p.delta())
                : p.noiseMultiplier();
        CohortSampling sampling = p.sampling() == PrivacySpec.Sampling.POISSON
                ? new CohortSampling.Poisson(q) : new CohortSampling.Fixed(cohort);
        return new PrivacySetup(sampling, q, z,
                Optional.of(new PrivacyAccounting(q, z, p.delta(), p.calibrate() ? java.util.OptionalDouble.empty() : p.targetEpsilon())));
    }

    /** The strategy as the coordinator runs it: wrapped in central DP when the scenario asks for it. */
    Strategy wrap(Strategy strategy, Scenario scenario, int population) {
        if (accounting.isEmpty()) {
            return strategy;
        }
        return new CentralDp(strategy, scenario.privacy().clipNorm(), noiseMultiplier,
                sampling.expectedSize(population), scenario.seed());
    }
}
