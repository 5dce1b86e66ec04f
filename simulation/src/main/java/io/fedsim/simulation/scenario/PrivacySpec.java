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
                          OptionalDouble targetEpsilon, boolean calibrate, Sampling sampling, Adaptive adaptive) {

    /** none; central: the server clips and noises the sum; local: every client clips and noises its own update. */
    public enum Mode { NONE, CENTRAL, LOCAL }

    /**
     * Adaptive clipping (central mode): the clip norm tracks the {@code targetQuantile} of update norms.
     *
     * @param countStddev noise on the count of unclipped clients; empty: the expected cohort / 20, as Andrew et al.
     */
    public record Adaptive(boolean enabled, double targetQuantile, double learningRate, OptionalDouble countStddev) {
        public Adaptive {
            Objects.requireNonNull(countStddev, "countStddev");
            new Checks()
                    .inOpenUnitInterval("privacy.adaptive-clipping.target-quantile", targetQuantile)
                    .positive("privacy.adaptive-clipping.learning-rate", learningRate)
                    .require(countStddev.orElse(1) > 0, "privacy.adaptive-clipping.count-stddev",
                            "must be > 0, was " + Checks.show(countStddev.orElse(1)))
                    .done();
        }
    }

    public enum Sampling { POISSON, FIXED }

    public PrivacySpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(targetEpsilon, "targetEpsilon");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(adaptive, "adaptive");
        new Checks()
                .positive("privacy.clip-norm", clipNorm)
                .nonNegative("privacy.noise-multiplier", noiseMultiplier)
                .inOpenUnitInterval("privacy.delta", delta)
                .require(targetEpsilon.orElse(1) > 0, "privacy.target-epsilon",
                        "must be > 0, was " + Checks.show(targetEpsilon.orElse(1)))
                .require(!calibrate || targetEpsilon.isPresent(), "privacy.calibrate",
                        "needs privacy.target-epsilon (the epsilon to calibrate the noise for), which is null")
                .require(mode != Mode.NONE || targetEpsilon.isEmpty(), "privacy.target-epsilon",
                        "needs privacy.mode = central or local (a run without DP spends no epsilon), was "
                                + Checks.show(targetEpsilon.orElse(0)) + " with privacy.mode = none")
                .require(mode != Mode.NONE || !calibrate, "privacy.calibrate",
                        "needs privacy.mode = central or local, was true with privacy.mode = none")
                .require(!adaptive.enabled() || mode == Mode.CENTRAL, "privacy.adaptive-clipping.enabled",
                        "works with privacy.mode = central only, was true with privacy.mode = " + EnumNames.key(mode))
                .done();
    }

    public boolean enabled() {
        return mode != Mode.NONE;
    }
}
