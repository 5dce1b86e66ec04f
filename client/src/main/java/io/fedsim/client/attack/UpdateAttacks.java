package io.fedsim.client.attack;

import io.fedsim.core.rng.Rng;

/** The client-side attacks on an update, in place; kernels over the flat parameter vector. */
public final class UpdateAttacks {
    private UpdateAttacks() {
    }

    /**
     * Rewrites {@code delta} as {@code attack} says; a no-op for attacks that do not touch the update.
     *
     * @param rng noise for the Gaussian attack: (seed, "attack", round, client)
     */
    public static void apply(Attack attack, float[] delta, Rng rng) {
        switch (attack.kind()) {
            case SIGN_FLIP -> multiply(delta, (float) -attack.scale());
            case SCALING -> multiply(delta, (float) attack.scale());
            case GAUSSIAN -> {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] = (float) rng.nextGaussian(0, attack.noiseStd());
                }
            }
            case NONE, LABEL_FLIP, LITTLE_IS_ENOUGH -> {
            }
        }
    }

    private static void multiply(float[] delta, float factor) {
        for (int i = 0; i < delta.length; i++) {
            delta[i] *= factor;
        }
    }
}
