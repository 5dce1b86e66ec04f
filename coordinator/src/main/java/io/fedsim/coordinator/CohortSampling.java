package io.fedsim.coordinator;

import io.fedsim.core.rng.Rng;

/**
 * How a round's cohort is drawn from the population, from the generator derived from (seed, "sample",
 * round): a fixed number of clients without replacement (McMahan et al. 2017), or Poisson sampling, each
 * client independently with probability q, which is what the privacy accountant assumes (the cohort size
 * then varies from round to round, and may be zero).
 */
public sealed interface CohortSampling {

    /** The sampled client ids, ascending. */
    int[] sample(long seed, int round, int population);

    /** The expected cohort size for a population. */
    double expectedSize(int population);

    /** Exactly {@code size} clients (all of them when the population is smaller). */
    record Fixed(int size) implements CohortSampling {
        public Fixed {
            if (size < 1) {
                throw new IllegalArgumentException("cohort size must be >= 1, was " + size);
            }
        }

        @Override
        public int[] sample(long seed, int round, int population) {
            return Rng.derive(seed, "sample", round).sampleWithoutReplacement(population, Math.min(size, population));
        }

        @Override
        public double expectedSize(int population) {
            return Math.min(size, population);
        }
    }

    /** Each client independently with probability {@code rate}. */
    record Poisson(double rate) implements CohortSampling {
        public Poisson {
            if (!(rate > 0 && rate <= 1)) {
                throw new IllegalArgumentException("sampling rate must be in (0, 1], was " + rate);
            }
        }

        @Override
        public int[] sample(long seed, int round, int population) {
            Rng rng = Rng.derive(seed, "sample", round);
            int[] chosen = new int[population];
            int n = 0;
            for (int id = 0; id < population; id++) {
                if (rng.nextDouble() < rate) {
                    chosen[n++] = id;
                }
            }
            return java.util.Arrays.copyOf(chosen, n);
        }

        @Override
        public double expectedSize(int population) {
            return rate * population;
        }
    }
}
