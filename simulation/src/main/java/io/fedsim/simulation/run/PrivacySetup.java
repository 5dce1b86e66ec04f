package io.fedsim.simulation.run;

import io.fedsim.coordinator.CohortSampling;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.privacy.AdaptiveClipping;
import io.fedsim.coordinator.privacy.CentralDp;
import io.fedsim.coordinator.privacy.PrivacyAccounting;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.RoundOutcome;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.core.privacy.RdpAccountant;
import io.fedsim.simulation.scenario.PrivacySpec;
import io.fedsim.simulation.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scenario's privacy, resolved for a run: how cohorts are drawn, the noise multiplier (calibrated for
 * the target epsilon when asked), the strategy wrapped in central DP, and the accounting.
 *
 * @param samplingRate q = expected cohort / population, one accountant step per round
 */
record PrivacySetup(CohortSampling sampling, double samplingRate, double noiseMultiplier,
                    Optional<PrivacyAccounting> accounting) {

    /**
     * The per-round columns a private run adds to metrics.csv: epsilon and the clip norm; under central DP
     * also the fraction of clipped updates (the server clips; under local DP only the clients know).
     */
    static List<String> metricColumns(Scenario scenario) {
        return switch (scenario.privacy().mode()) {
            case NONE -> List.of();
            case LOCAL -> List.of("epsilon", "clip_norm");
            case CENTRAL -> List.of("epsilon", "clip_norm", "clipped_fraction");
        };
    }

    static PrivacySetup of(Scenario scenario, int population) {
        PrivacySpec p = scenario.privacy();
        int cohort = Math.min(scenario.clients().clientsPerRound(), population);
        double q = (double) cohort / population;
        if (!p.enabled()) {
            return new PrivacySetup(new CohortSampling.Fixed(cohort), q, 0, Optional.empty());
        }
        double z = p.calibrate() ? calibrated(p, q, scenario.rounds()) : p.noiseMultiplier();
        CohortSampling sampling = p.sampling() == PrivacySpec.Sampling.POISSON
                ? new CohortSampling.Poisson(q) : new CohortSampling.Fixed(cohort);
        OptionalDouble target = p.calibrate() ? OptionalDouble.empty() : p.targetEpsilon();
        PrivacyAccounting accounting = p.mode() == PrivacySpec.Mode.LOCAL
                ? PrivacyAccounting.local(population, z, p.delta(), target)
                : new PrivacyAccounting(q, z, p.delta(), target);
        return new PrivacySetup(sampling, q, z, Optional.of(accounting));
    }

    /** Under local DP, what every client is told to do to its update before sending it. */
    Optional<TrainingPlan.LocalDp> localDp(Scenario scenario) {
        return scenario.privacy().mode() == PrivacySpec.Mode.LOCAL
                ? Optional.of(new TrainingPlan.LocalDp(scenario.privacy().clipNorm(), noiseMultiplier))
                : Optional.empty();
    }

    /**
     * The noise multiplier that spends exactly the target over all rounds. Central: q = the sampling rate;
     * local: a client may take part in every round, with no amplification by sampling.
     */
    private static double calibrated(PrivacySpec p, double q, int rounds) {
        double rate = p.mode() == PrivacySpec.Mode.LOCAL ? 1 : q;
        return RdpAccountant.noiseMultiplier(rate, p.targetEpsilon().getAsDouble(), rounds, p.delta());
    }

    /**
     * The strategy as the coordinator runs it: wrapped in central DP when the scenario asks for it; under
     * local DP it only records the clip norm the clients apply.
     */
    Strategy wrap(Strategy strategy, Scenario scenario, int population) {
        if (scenario.privacy().mode() == PrivacySpec.Mode.LOCAL) {
            return new LocalDpMetrics(strategy, scenario.privacy().clipNorm());
        }
        if (scenario.privacy().mode() != PrivacySpec.Mode.CENTRAL) {
            return strategy;
        }
        double expectedCohort = sampling.expectedSize(population);
        PrivacySpec.Adaptive a = scenario.privacy().adaptive();
        AdaptiveClipping adaptive = a.enabled()
                ? new AdaptiveClipping(a.targetQuantile(), a.learningRate(), a.countStddev().orElse(expectedCohort / 20))
                : null;
        return new CentralDp(strategy, scenario.privacy().clipNorm(), noiseMultiplier, expectedCohort, scenario.seed(),
                adaptive);
    }

    /** Adds the clients' clip norm to the metrics of every aggregated round under local DP. */
    private record LocalDpMetrics(Strategy inner, double clipNorm) implements Strategy {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public TrainingPlan clientPlan(int round, TrainingPlan plan) {
            return inner.clientPlan(round, plan);
        }

        // the wrapped strategy's state, so that a checkpoint saves (and a resumed run restores) e.g. its momentum
        @Override
        public Map<String, float[]> state() {
            return inner.state();
        }

        @Override
        public void restore(Map<String, float[]> state) {
            inner.restore(state);
        }

        @Override
        public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
            RoundOutcome outcome = inner.aggregate(round, global, results, failures);
            if (outcome instanceof RoundOutcome.Aggregated a) {
                Map<String, Double> metrics = new LinkedHashMap<>(a.metrics());
                metrics.put("clip_norm", clipNorm);
                return new RoundOutcome.Aggregated(a.params(), metrics);
            }
            return outcome;
        }
    }
}
