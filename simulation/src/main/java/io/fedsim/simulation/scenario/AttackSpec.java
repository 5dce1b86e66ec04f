package io.fedsim.simulation.scenario;

import io.fedsim.client.attack.Attack;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Byzantine clients: a fixed {@code fraction} of the population, drawn once from the seed, run {@code kind}.
 *
 * @param scale    sign-flip sends -scale * update; scaling sends scale * update
 * @param noiseStd gaussian: the standard deviation of the noise sent instead of the update
 * @param z        little-is-enough: standard deviations to shift by; empty: the paper's z_max for the cohort
 */
public record AttackSpec(Attack.Kind kind, double fraction, double scale, double noiseStd, OptionalDouble z) {
    public AttackSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(z, "z");
        new Checks()
                .require(fraction >= 0 && fraction < 1, "attack.fraction", "must be in [0, 1), was " + Checks.show(fraction))
                .positive("attack.scale", scale)
                .positive("attack.noise-std", noiseStd)
                .require(z.orElse(1) > 0, "attack.z", "must be > 0 or null, was " + Checks.show(z.orElse(1)))
                .done();
    }

    /** Whether any client attacks. */
    public boolean enabled() {
        return kind != Attack.Kind.NONE && fraction > 0;
    }

    /** What each attacker does. */
    public Attack attack() {
        return new Attack(kind, scale, noiseStd, z);
    }
}
