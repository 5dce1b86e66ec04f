package io.fedsim.simulation.scenario;

/**
 * The client population and what each sampled client does locally (McMahan et al.'s K, C, E, B and
 * learning rate).
 *
 * @param batchSize local mini-batch size; 0 means the whole local dataset ("B = infinity")
 */
public record ClientsSpec(
        int count, double fraction, int minPerRound, int localEpochs, int batchSize, double learningRate) {

    public ClientsSpec {
        new Checks()
                .atLeast("clients.count", count, 1)
                .inUnitInterval("clients.fraction", fraction)
                .atLeast("clients.min-per-round", minPerRound, 1)
                .require(minPerRound <= count || count < 1, "clients.min-per-round",
                        "must be <= clients.count (" + count + "), was " + minPerRound)
                .atLeast("clients.local-epochs", localEpochs, 1)
                .atLeast("clients.batch-size", batchSize, 0)
                .positive("clients.learning-rate", learningRate)
                .done();
    }

    /** Cohort size: max(round(C * K), min-per-round), never more than K. */
    public int clientsPerRound() {
        long byFraction = Math.round(fraction * count);
        return (int) Math.min(count, Math.max(byFraction, minPerRound));
    }
}
