package io.fedsim.simulation.scenario;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Differential privacy of a run. {@code central} is client-level DP-FedAvg (McMahan et al. 2018): every
 * client's update clipped to {@code clipNorm}, Gaussian noise of standard deviation
 * {@code noiseMultiplier * clipNorm} added to their sum, accounted in Renyi DP and reported as epsilon at
 * {@code delta}.
 *
 * @param targetEpsilon with {@code calibrate}, the noise multiplier is chosen before the run so that all
 *                      its rounds spend exactly this; without, the run stops before the round that would
 *                      spend more
 * @param sampling      how cohorts are drawn under DP: Poisson (what the accountant assumes) or fixed-size
 */
public record PrivacySpec(Mode mode, double clipNorm, double noiseMultiplier, double delta,
                          OptionalDouble targetEpsilon, boolean calibrate, Sampling sampling) {

    public enum Mode { NONE, CENTRAL }

    public enum Sampling { POISSON, FIXED }

    public PrivacySpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(targetEpsilon, "targetEpsilon");
        Objects.requireNonNull(sampling, "sampling");
        new Checks()
                .positive("privacy.clip-norm", clipNorm)
                .nonNegative("privacy.noise-multiplier", noiseMultiplier)
                .inOpenUnitInterval("privacy.delta", delta)
                .require(targetEpsilon.orElse(1) > 0, "privacy.target-epsilon",
                        "must be > 0, was " + Checks.show(targetEpsilon.orElse(1)))
                .require(!calibrate || targetEpsilon.isPresent(), "privacy.calibrate",
                        "needs privacy.target-epsilon (the epsilon to calibrate the noise for), which is null")
                .done();
    }

    public boolean enabled() {
        return mode != Mode.NONE;
    }
}
