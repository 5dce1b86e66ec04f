package io.fedsim.client.attack;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a Byzantine client does.
 * <ul>
 *   <li>{@code LABEL_FLIP}: trains honestly on its shard with every label y read as C - 1 - y;</li>
 *   <li>{@code SIGN_FLIP}: sends -scale * its honest update;</li>
 *   <li>{@code GAUSSIAN}: sends noise, every coordinate N(0, noiseStd^2), instead of its update;</li>
 *   <li>{@code SCALING}: sends scale * its honest update (model replacement, Bagdasaryan et al. 2020);</li>
 *   <li>{@code LITTLE_IS_ENOUGH}: the attackers of a cohort collude (Baruch et al. 2019): each trains honestly,
 *       and all send mean - z * std of their honest updates, per coordinate. Applied at the server, see
 *       {@link LittleIsEnough}.</li>
 * </ul>
 *
 * @param z little-is-enough: the number of standard deviations; empty: the paper's z_max from the cohort
 */
public record Attack(Kind kind, double scale, double noiseStd, OptionalDouble z) {

    public enum Kind { NONE, LABEL_FLIP, SIGN_FLIP, GAUSSIAN, SCALING, LITTLE_IS_ENOUGH }

    /** An honest client. */
    public static final Attack NONE = new Attack(Kind.NONE, 1, 1, OptionalDouble.empty());

    public Attack {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(z, "z");
        if (!(scale > 0) || !(noiseStd > 0) || !(z.orElse(1) > 0)) {
            throw new IllegalArgumentException("attack scale, noise std and z must be > 0");
        }
    }

    /** Whether the attack rewrites the client's own update after training. */
    public boolean transformsUpdate() {
        return kind == Kind.SIGN_FLIP || kind == Kind.GAUSSIAN || kind == Kind.SCALING;
    }
}
