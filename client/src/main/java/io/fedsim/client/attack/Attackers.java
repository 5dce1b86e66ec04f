package io.fedsim.client.attack;

import io.fedsim.core.rng.Rng;

/** Which clients of a population are Byzantine: a fixed set, drawn once per run. */
public final class Attackers {
    private Attackers() {
    }

    /**
     * round(fraction * population) distinct client ids, ascending, drawn from (seed, "attackers"): the same
     * scenario and seed always give the same set.
     */
    public static int[] draw(long seed, int population, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("attacker fraction must be in [0, 1], was " + fraction);
        }
        int count = (int) Math.round(fraction * population);
        return Rng.derive(seed, "attackers").sampleWithoutReplacement(population, count);
    }
}
