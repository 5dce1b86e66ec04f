package io.fedsim.simulation.scenario;

import io.fedsim.client.LearningRateSchedule;
import java.util.Objects;

/**
 * The client population and what each sampled client does locally (McMahan et al.'s K, C, E, B and
 * learning rate).
 *
 * @param batchSize            local mini-batch size; 0 means the whole local dataset ("B = infinity")
 * @param learningRate         round 1's local learning rate
 * @param learningRateSchedule constant, or exponential: round r trains at learningRate * learningRateDecay^(r - 1)
 */
public record ClientsSpec(int count, double fraction, int minPerRound, int localEpochs, int batchSize,
                          double learningRate, LearningRateSchedule.Kind learningRateSchedule, double learningRateDecay) {

    public ClientsSpec {
        Objects.requireNonNull(learningRateSchedule, "learningRateSchedule");
        new Checks()
                .atLeast("clients.count", count, 1)
                .inUnitInterval("clients.fraction", fraction)
                .atLeast("clients.min-per-round", minPerRound, 1)
                .require(minPerRound <= count || count < 1, "clients.min-per-round",
                        "must be <= clients.count (" + count + "), was " + minPerRound)
                .atLeast("clients.local-epochs", localEpochs, 1)
                .atLeast("clients.batch-size", batchSize, 0)
                .positive("clients.learning-rate", learningRate)
                .inUnitInterval("clients.learning-rate-decay", learningRateDecay)
                .done();
    }

    /** A constant learning rate. */
    public ClientsSpec(int count, double fraction, int minPerRound, int localEpochs, int batchSize, double learningRate) {
        this(count, fraction, minPerRound, localEpochs, batchSize, learningRate, LearningRateSchedule.Kind.CONSTANT, 1.0);
    }

    /** The schedule the coordinator applies to the clients' learning rate. */
    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRateSchedule, learningRateDecay);
    }

    /** Cohort size: max(round(C * K), min-per-round), never more than K. */
    public int clientsPerRound() {
        long byFraction = Math.round(fraction * count);
        return (int) Math.min(count, Math.max(byFraction, minPerRound));
    }
}
