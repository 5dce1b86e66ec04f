package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregators a scenario can name with {@code strategy.aggregator}: FedAvg's sample-weighted mean and the
 * robust rules of {@link RobustKernels}, each under the name of the strategy that steps along it alone. The
 * robust rules ignore sample counts, which an attacker could inflate.
 */
public final class Aggregators {
    public static final String MEAN = "mean";

    /** Every name {@link #named} knows, the default first. */
    public static final List<String> NAMES = List.of(MEAN, "fedmedian", "trimmed-mean", "krum", "multi-krum", "bulyan");

    private Aggregators() {
    }

    /**
     * The aggregator called {@code name}, with its parameters ({@code trim-fraction}, {@code byzantine-clients})
     * from {@code p}.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES} or a parameter out of range
     */
    public static Aggregator named(String name, StrategyParameters p) {
        return switch (name) {
            case MEAN -> mean();
            case "fedmedian" -> median();
            case "trimmed-mean" -> trimmedMean(p.trimFraction());
            case "krum" -> krum(p.byzantineClients());
            case "multi-krum" -> multiKrum(p.byzantineClients(), 0);
            case "bulyan" -> bulyan(p.byzantineClients());
            default -> throw new IllegalArgumentException("unknown aggregator " + name + ", expected one of " + NAMES);
        };
    }

    /** The metrics the aggregator called {@code name} reports, as metrics.csv columns. */
    public static List<String> metrics(String name) {
        return switch (name) {
            case "trimmed-mean" -> List.of("trimmed_per_side");
            case "krum" -> List.of("selected_clients", "selected_client_id");
            case "multi-krum", "bulyan" -> List.of("selected_clients");
            default -> List.of();
        };
    }

    /** A server step of {@code eta} along the aggregate: {@code global + eta * aggregate}. */
    static RoundOutcome step(Aggregator aggregator, float eta, float[] global, List<ClientResult> results,
                             List<ClientFailure> failures) {
        Aggregator.Result result = aggregator.aggregate(results, failures, global.length);
        if (result instanceof Aggregator.Combined c) {
            return new RoundOutcome.Aggregated(Kernels.plusScaled(global, c.delta(), eta), c.metrics());
        }
        return new RoundOutcome.Skipped(((Aggregator.Skipped) result).reason());
    }

    /** FedAvg's weighted mean {@code sum_k (n_k / n) delta_k}; skipped when the reporting clients hold no samples. */
    public static Aggregator mean() {
        return new Named(MEAN, (results, failures, length) -> {
            Optional<RoundOutcome.Skipped> skipped = ServerOptimizers.skip(results, failures);
            return skipped.<Aggregator.Result>map(s -> new Aggregator.Skipped(s.reason()))
                    .orElseGet(() -> new Aggregator.Combined(Kernels.weightedMeanOfDeltas(results, length), Map.of()));
        });
    }

    /** The coordinate-wise median (Yin et al. 2018). */
    public static Aggregator median() {
        return new Named("fedmedian", (results, failures, length) -> results.isEmpty()
                ? none("fedmedian", failures)
                : new Aggregator.Combined(RobustKernels.median(Kernels.deltas(results)), Map.of()));
    }

    /** The coordinate-wise mean after dropping {@code floor(beta n)} values at each end (Yin et al. 2018). */
    public static Aggregator trimmedMean(double beta) {
        RobustKernels.trimmedPerSide(1, beta);
        return new Named("trimmed-mean", (results, failures, length) -> results.isEmpty()
                ? none("trimmed-mean", failures)
                : new Aggregator.Combined(RobustKernels.trimmedMean(Kernels.deltas(results), beta),
                        Map.of("trimmed_per_side", (double) RobustKernels.trimmedPerSide(results.size(), beta))));
    }

    /** The one delta closest to its n - f - 2 nearest neighbours (Blanchard et al. 2017); needs n > 2f + 2. */
    public static Aggregator krum(int f) {
        Kernels.byzantineClients(f);
        return new Named("krum", (results, failures, length) -> {
            int needed = 2 * f + 3;
            if (results.size() < needed) {
                return new Aggregator.Skipped("krum with f = " + f + " needs at least " + needed
                        + " updates, got " + results.size());
            }
            int chosen = RobustKernels.krum(Kernels.deltas(results), f);
            return new Aggregator.Combined(results.get(chosen).delta().clone(), Map.of("selected_clients", 1.0,
                    "selected_client_id", (double) results.get(chosen).clientId()));
        });
    }

    /**
     * The mean of the m deltas with the best Krum scores (Blanchard et al. 2017), {@code m = n - f} when
     * {@code keep} is 0; needs n > 2f + 2 and n >= m.
     */
    public static Aggregator multiKrum(int f, int keep) {
        Kernels.byzantineClients(f);
        if (keep < 0) {
            throw new IllegalArgumentException("multi-krum m must be >= 1, or 0 for n - f, was " + keep);
        }
        return new Named("multi-krum", (results, failures, length) -> {
            int needed = Math.max(2 * f + 3, keep);
            if (results.size() < needed) {
                return new Aggregator.Skipped("multi-krum with f = " + f + (keep > 0 ? " and m = " + keep : "")
                        + " needs at least " + needed + " updates, got " + results.size());
            }
            int m = keep > 0 ? keep : results.size() - f;
            return new Aggregator.Combined(RobustKernels.multiKrum(Kernels.deltas(results), f, m),
                    Map.of("selected_clients", (double) m));
        });
    }

    /** Repeated Krum, then a trimmed mean around the median (El Mhamdi et al. 2018); needs n >= 4f + 3. */
    public static Aggregator bulyan(int f) {
        Kernels.byzantineClients(f);
        return new Named("bulyan", (results, failures, length) -> {
            int needed = 4 * f + 3;
            if (results.size() < needed) {
                return new Aggregator.Skipped("bulyan with f = " + f + " needs at least " + needed
                        + " updates, got " + results.size());
            }
            return new Aggregator.Combined(RobustKernels.bulyan(Kernels.deltas(results), f),
                    Map.of("selected_clients", (double) (results.size() - 2 * f)));
        });
    }

    private static Aggregator.Result none(String rule, List<ClientFailure> failures) {
        return new Aggregator.Skipped(rule + " needs at least 1 update, got 0 (" + failures.size()
                + " failed or timed out)");
    }

    /** The rule as a function, with its name. */
    private interface Rule {
        Aggregator.Result apply(List<ClientResult> results, List<ClientFailure> failures, int length);
    }

    private record Named(String name, Rule rule) implements Aggregator {
        @Override
        public boolean averagesUpdates() {
            return name.equals(MEAN);
        }

        @Override
        public Aggregator.Result aggregate(List<ClientResult> results, List<ClientFailure> failures, int length) {
            return rule.apply(results, failures, length);
        }
    }
}
