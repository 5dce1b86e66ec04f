package io.fedsim.coordinator.time;

import io.fedsim.coordinator.CohortSampling;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The real-world conditions rounds run under: simulated device time, a deadline, over-selection,
 * availability and dropout, and the smallest useful round. {@link #NONE} is the ideal world the
 * coordinator assumed before: every sampled client online, no clock, every result kept.
 *
 * @param profiles           one per client id; empty: no simulated time (no deadline, no over-selection)
 * @param shardSizes         every client's sample count, by id (an epoch's work); empty without profiles
 * @param modelBytes         bytes a client downloads (the global model)
 * @param updateBytes        bytes a client uploads (its update)
 * @param deadline           simulated seconds after which the round closes; clients that would finish later straggle
 * @param stragglers         what happens to a straggler; empty: the strategy decides ({@code keepsPartialWork})
 * @param overSelection      sample this fraction more clients and keep the first to finish (fixed cohorts)
 * @param offlineProbability a sampled client is offline with this probability (times its own availability)
 * @param dropoutProbability an online client drops out mid-round with this probability
 * @param minCompleted       a round with fewer kept results is skipped; 0: the strategy alone decides
 */
public record RoundConditions(List<ClientProfile> profiles, List<Integer> shardSizes, long modelBytes, long updateBytes,
                              OptionalDouble deadline, Optional<Stragglers> stragglers, double overSelection,
                              double offlineProbability, double dropoutProbability, int minCompleted) {

    /** What a straggler's work becomes. */
    public enum Stragglers {
        /** Its update is dropped (FedAvg as deployed). */
        DROP,
        /** It sends the whole local epochs it finished by the deadline, if at least one (FedProx, Li et al. 2020). */
        PARTIAL
    }

    /** No clock, everyone online, every result kept. */
    public static final RoundConditions NONE = new RoundConditions(List.of(), List.of(), 0, 0, OptionalDouble.empty(),
            Optional.empty(), 0, 0, 0, 0);

    public RoundConditions {
        profiles = List.copyOf(profiles);
        shardSizes = List.copyOf(shardSizes);
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(stragglers, "stragglers");
        if (profiles.size() != shardSizes.size()) {
            throw new IllegalArgumentException("one shard size per profile: " + profiles.size() + " profiles, "
                    + shardSizes.size() + " sizes");
        }
        if (profiles.isEmpty() && (deadline.isPresent() || overSelection > 0)) {
            throw new IllegalArgumentException("a deadline and over-selection need simulated time (device profiles)");
        }
        if (!(overSelection >= 0) || !(offlineProbability >= 0 && offlineProbability <= 1)
                || !(dropoutProbability >= 0 && dropoutProbability <= 1) || minCompleted < 0
                || deadline.isPresent() && !(deadline.getAsDouble() > 0)) {
            throw new IllegalArgumentException("over-selection >= 0, probabilities in [0, 1], min-completed >= 0, "
                    + "deadline > 0");
        }
    }

    /** Whether rounds run on a simulated clock. */
    public boolean simulatesTime() {
        return !profiles.isEmpty();
    }

    /** Whether anything differs from {@link #NONE}: then rounds report dropped and straggled clients. */
    public boolean active() {
        return !equals(NONE);
    }

    /** The cohort actually drawn: the base cohort, enlarged by over-selection (fixed cohorts only). */
    public CohortSampling sampling(CohortSampling base) {
        if (overSelection == 0) {
            return base;
        }
        if (!(base instanceof CohortSampling.Fixed fixed)) {
            throw new IllegalArgumentException("over-selection needs a fixed cohort size, not " + base);
        }
        return new CohortSampling.Fixed((int) Math.ceil(fixed.size() * (1 + overSelection)));
    }

    /** The straggler rule in force: the scenario's, or else the strategy's. */
    public Stragglers stragglerRule(boolean strategyKeepsPartialWork) {
        return stragglers.orElse(strategyKeepsPartialWork ? Stragglers.PARTIAL : Stragglers.DROP);
    }
}
