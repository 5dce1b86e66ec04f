package io.fedsim.coordinator.strategy;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * A round's results as the framework hands them to {@link Strategy#aggregate}: the results in ascending client
 * id, and, when the strategy {@linkplain Strategy#averagesUpdates() averages the updates}, their
 * {@link Kernels.WeightedSum} folded in while the updates arrived, so that {@link Kernels#weightedMeanOfDeltas}
 * costs one pass over the parameters instead of one per client once the last update is in. To a strategy it is
 * an ordinary read-only list.
 */
public final class RoundResults extends AbstractList<ClientResult> implements RandomAccess {
    private final List<ClientResult> results;
    private final Kernels.WeightedSum summed;

    private RoundResults(List<ClientResult> results, Kernels.WeightedSum summed) {
        this.results = List.copyOf(results);
        this.summed = summed;
    }

    /**
     * @param results ascending client id
     * @param summed  the weighted sum of exactly these results' deltas, added in that order
     */
    public static RoundResults summed(List<ClientResult> results, Kernels.WeightedSum summed) {
        Objects.requireNonNull(summed, "summed");
        if (summed.terms() != results.size()) {
            throw new IllegalArgumentException("the sum holds " + summed.terms() + " deltas, the round " + results.size());
        }
        return new RoundResults(results, summed);
    }

    Optional<Kernels.WeightedSum> summed() {
        return Optional.ofNullable(summed);
    }

    @Override
    public ClientResult get(int index) {
        return results.get(index);
    }

    @Override
    public int size() {
        return results.size();
    }
}
