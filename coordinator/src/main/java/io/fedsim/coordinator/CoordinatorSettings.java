package io.fedsim.coordinator;

import io.fedsim.client.TrainingPlan;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How the coordinator runs a federation.
 *
 * @param clientsPerRound the cohort size m, drawn without replacement each round
 * @param evalEvery       evaluate every this many rounds, and always after the last
 * @param targetAccuracy  stop at the first evaluated round whose test accuracy reaches this
 */
public record CoordinatorSettings(int rounds, long seed, int clientsPerRound, int evalEvery,
                                  OptionalDouble targetAccuracy, TrainingPlan plan, Duration roundTimeout) {
    public CoordinatorSettings {
        if (rounds < 1 || clientsPerRound < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("rounds, clientsPerRound and evalEvery must be >= 1");
        }
    }
}
