package io.fedsim.client;

import java.util.Objects;

/**
 * How the clients' learning rate changes from round to round: constant, or exponential decay
 * {@code lr_r = lr * decay^(r - 1)}, so round 1 trains at the scenario's learning rate.
 *
 * @param decay the factor per round, in (0, 1]; a constant schedule ignores it
 */
public record LearningRateSchedule(Kind kind, double decay) {
    /** The learning rate of every round is the plan's. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 1.0);

    /** The shapes a schedule can take; scenarios spell them {@code constant | exponential}. */
    public enum Kind {
        CONSTANT,
        EXPONENTIAL
    }

    public LearningRateSchedule {
        Objects.requireNonNull(kind, "kind");
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("learning rate decay must be in (0, 1], was " + decay);
        }
    }

    /** Exponential decay by {@code decay} per round. */
    public static LearningRateSchedule exponential(double decay) {
        return new LearningRateSchedule(Kind.EXPONENTIAL, decay);
    }

    /** The learning rate of {@code round} (1-based) for a base rate {@code base}. */
    public double rate(int round, double base) {
        if (round < 1) {
            throw new IllegalArgumentException("rounds count from 1, was " + round);
        }
        return switch (kind) {
            case CONSTANT -> base;
            case EXPONENTIAL -> base * Math.pow(decay, round - 1);
        };
    }

    /** {@code plan} with the learning rate of {@code round}, the plan's own rate being round 1's. */
    public TrainingPlan apply(int round, TrainingPlan plan) {
        return kind == Kind.CONSTANT ? plan : plan.withLearningRate((float) rate(round, plan.learningRate()));
    }
}
