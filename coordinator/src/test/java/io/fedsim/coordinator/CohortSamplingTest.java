package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CohortSamplingTest {
    private static final long SEED = 2024;

    @Test
    void fixedDrawsExactlyTheSizeFromTheRoundsSampleGenerator() {
        CohortSampling fixed = new CohortSampling.Fixed(7);
        for (int round = 1; round <= 50; round++) {
            int[] ids = fixed.sample(SEED, round, 20);
            assertThat(ids).hasSize(7).isSorted().doesNotHaveDuplicates();
            assertThat(ids[0]).isGreaterThanOrEqualTo(0);
            assertThat(ids[ids.length - 1]).isLessThan(20);
            assertThat(ids).containsExactly(Rng.derive(SEED, "sample", round).sampleWithoutReplacement(20, 7));
        }
        assertThat(fixed.expectedSize(20)).isEqualTo(7.0);
    }

    @Test
    void fixedLargerThanThePopulationDrawsEveryone() {
        CohortSampling fixed = new CohortSampling.Fixed(10);
        assertThat(fixed.sample(SEED, 1, 4)).containsExactly(0, 1, 2, 3);
        assertThat(fixed.expectedSize(4)).isEqualTo(4.0);
    }

    @Test
    void fixedIncludesEveryClientWithProbabilitySizeOverPopulation() {
        int population = 10;
        int rounds = 5000;
        int[] counts = new int[population];
        for (int round = 1; round <= rounds; round++) {
            for (int id : new CohortSampling.Fixed(3).sample(SEED, round, population)) {
                counts[id]++;
            }
        }
        double p = 0.3;
        for (int id = 0; id < population; id++) {
            assertThat((double) counts[id] / rounds).as("client %d", id)
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / rounds)));
        }
    }

    @Test
    void poissonCohortSizeHasBinomialMeanAndVarianceAndEachClientHasRateQ() {
        int population = 50;
        double q = 0.2;
        int rounds = 4000;
        CohortSampling poisson = new CohortSampling.Poisson(q);
        int[] inclusions = new int[population];
        double sum = 0;
        double sumSq = 0;
        for (int round = 1; round <= rounds; round++) {
            int[] ids = poisson.sample(SEED, round, population);
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            for (int id : ids) {
                inclusions[id]++;
            }
            sum += ids.length;
            sumSq += (double) ids.length * ids.length;
        }
        double mean = sum / rounds;
        double variance = (sumSq - rounds * mean * mean) / (rounds - 1);
        double binomialVariance = population * q * (1 - q); // independent inclusions
        assertThat(poisson.expectedSize(population)).isEqualTo(10.0);
        assertThat(mean).isCloseTo(q * population, within(5 * Math.sqrt(binomialVariance / rounds)));
        assertThat(variance).isCloseTo(binomialVariance, within(5 * binomialVariance * Math.sqrt(2.0 / (rounds - 1))));
        for (int id = 0; id < population; id++) {
            assertThat((double) inclusions[id] / rounds).as("client %d", id)
                    .isCloseTo(q, within(5 * Math.sqrt(q * (1 - q) / rounds)));
        }
    }

    @Test
    void poissonCanDrawAnEmptyCohortAsOftenAsTheBinomialSays() {
        int population = 10;
        double q = 0.01;
        int rounds = 2000;
        int empty = 0;
        for (int round = 1; round <= rounds; round++) {
            if (new CohortSampling.Poisson(q).sample(SEED, round, population).length == 0) {
                empty++;
            }
        }
        double p = Math.pow(1 - q, population);
        assertThat((double) empty / rounds).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / rounds)));
    }

    @Test
    void poissonWithTheSameSeedAndRoundGivesTheSameCohort() {
        CohortSampling poisson = new CohortSampling.Poisson(0.3);
        int[] first = poisson.sample(SEED, 17, 100);
        assertThat(poisson.sample(SEED, 17, 100)).containsExactly(first);
        assertThat(poisson.sample(SEED, 18, 100)).isNotEqualTo(first);
        assertThat(poisson.sample(SEED + 1, 17, 100)).isNotEqualTo(first);
    }

    @Test
    void poissonAtRateOneDrawsEveryone() {
        assertThat(new CohortSampling.Poisson(1).sample(SEED, 3, 5)).containsExactly(0, 1, 2, 3, 4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 1.01, Double.NaN})
    void aPoissonRateOutsideZeroOneIsRejected(double rate) {
        assertThatThrownBy(() -> new CohortSampling.Poisson(rate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampling rate");
    }

    @Test
    void aFixedSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> new CohortSampling.Fixed(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cohort size");
    }
}
