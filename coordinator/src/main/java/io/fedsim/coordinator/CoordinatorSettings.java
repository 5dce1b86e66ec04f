package io.fedsim.coordinator;

import io.fedsim.client.TrainingPlan;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How the coordinator runs a federation.
 *
 * @param sampling       how each round's cohort is drawn
 * @param evalEvery      evaluate every this many rounds, and always after the last
 * @param targetAccuracy stop at the first evaluated round whose test accuracy reaches this
 */
public record CoordinatorSettings(int rounds, long seed, CohortSampling sampling, int evalEvery,
                                  OptionalDouble targetAccuracy, TrainingPlan plan, Duration roundTimeout) {
    public CoordinatorSettings {
        if (rounds < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("rounds and evalEvery must be >= 1");
        }
    }

    /** A fixed cohort of {@code clientsPerRound} clients, drawn without replacement each round. */
    public CoordinatorSettings(int rounds, long seed, int clientsPerRound, int evalEvery, OptionalDouble targetAccuracy,
                               TrainingPlan plan, Duration roundTimeout) {
        this(rounds, seed, new CohortSampling.Fixed(clientsPerRound), evalEvery, targetAccuracy, plan, roundTimeout);
    }
}
