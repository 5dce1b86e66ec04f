package io.fedsim.coordinator.evaluation;

import io.fedsim.core.rng.Rng;
import java.util.stream.IntStream;

/**
 * When and on whom the global model is evaluated on the clients' own local test splits (federated
 * evaluation), beside the central test set.
 *
 * @param every    evaluate after every this many rounds and after the last round; 0 turns it off
 * @param fraction the fraction of the population evaluated, in (0, 1]; below 1 a fresh subset is drawn
 *                 each time from the round's own generator
 */
public record FederatedEvaluation(int every, double fraction) {

    public static final FederatedEvaluation OFF = new FederatedEvaluation(0, 1.0);

    public FederatedEvaluation {
        if (every < 0 || !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("every must be >= 0 and fraction in (0, 1], were " + every + ", " + fraction);
        }
    }

    public boolean enabled() {
        return every > 0;
    }

    /** Whether to evaluate after {@code round}; {@code lastRound} is true when the run stops after it. */
    public boolean dueAfter(int round, boolean lastRound) {
        return enabled() && (lastRound || round % every == 0);
    }

    /**
     * The clients to evaluate after {@code round}, ascending: everyone at fraction 1, otherwise
     * {@code max(1, round(fraction * population))} of them drawn from RNG(seed, "federated-eval", round).
     */
    public int[] cohort(long seed, int round, int population) {
        if (fraction >= 1) {
            return IntStream.range(0, population).toArray();
        }
        int k = (int) Math.max(1, Math.min(population, Math.round(fraction * population)));
        return Rng.derive(seed, "federated-eval", round).sampleWithoutReplacement(population, k);
    }
}
