package io.fedsim.coordinator;

import io.fedsim.client.LearningRateSchedule;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.evaluation.FederatedEvaluation;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How the coordinator runs a federation.
 *
 * @param sampling             how each round's cohort is drawn
 * @param evalEvery            evaluate every this many rounds, and always after the last
 * @param targetAccuracy       stop at the first evaluated round whose test accuracy reaches this
 * @param plan                 round 1's plan for the clients; later rounds follow the learning-rate schedule
 * @param learningRateSchedule how the plan's learning rate changes from round to round
 * @param federatedEvaluation  when the clients evaluate the global model on their local test splits
 */
public record CoordinatorSettings(int rounds, long seed, CohortSampling sampling, int evalEvery,
                                  OptionalDouble targetAccuracy, TrainingPlan plan, Duration roundTimeout,
                                  LearningRateSchedule learningRateSchedule, FederatedEvaluation federatedEvaluation) {
    public CoordinatorSettings {
        if (rounds < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("rounds and evalEvery must be >= 1");
        }
        Objects.requireNonNull(learningRateSchedule, "learningRateSchedule");
        Objects.requireNonNull(federatedEvaluation, "federatedEvaluation");
    }

    /** Without federated evaluation. */
    public CoordinatorSettings(int rounds, long seed, CohortSampling sampling, int evalEvery,
                               OptionalDouble targetAccuracy, TrainingPlan plan, Duration roundTimeout,
                               LearningRateSchedule learningRateSchedule) {
        this(rounds, seed, sampling, evalEvery, targetAccuracy, plan, roundTimeout, learningRateSchedule,
                FederatedEvaluation.OFF);
    }

    /** A constant learning rate. */
    public CoordinatorSettings(int rounds, long seed, CohortSampling sampling, int evalEvery,
                               OptionalDouble targetAccuracy, TrainingPlan plan, Duration roundTimeout) {
        this(rounds, seed, sampling, evalEvery, targetAccuracy, plan, roundTimeout, LearningRateSchedule.CONSTANT);
    }

    /** A fixed cohort of {@code clientsPerRound} clients, drawn without replacement each round; a constant learning rate. */
    public CoordinatorSettings(int rounds, long seed, int clientsPerRound, int evalEvery, OptionalDouble targetAccuracy,
                               TrainingPlan plan, Duration roundTimeout) {
        this(rounds, seed, new CohortSampling.Fixed(clientsPerRound), evalEvery, targetAccuracy, plan, roundTimeout);
    }

    /** The plan every client of {@code round} is given before the strategy adds its own terms. */
    public TrainingPlan planFor(int round) {
        return learningRateSchedule.apply(round, plan);
    }
}
