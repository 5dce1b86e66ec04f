package io.fedsim.coordinator.privacy;

import io.fedsim.core.privacy.RdpAccountant;
import java.util.OptionalDouble;

/**
 * The privacy spent by a run so far: one step of the Poisson-subsampled Gaussian mechanism per round,
 * with sampling rate q and noise multiplier z, accounted in Renyi DP and reported as epsilon at delta.
 * With a target epsilon, {@link #wouldExceedTarget()} tells the coordinator to stop before the round that
 * would spend more.
 */
public final class PrivacyAccounting {
    private final double samplingRate;
    private final double noiseMultiplier;
    private final double delta;
    private final OptionalDouble targetEpsilon;
    private final RdpAccountant accountant = new RdpAccountant();
    private RdpAccountant.Spent spent = new RdpAccountant.Spent(0, Double.NaN);

    public PrivacyAccounting(double samplingRate, double noiseMultiplier, double delta, OptionalDouble targetEpsilon) {
        this.samplingRate = samplingRate;
        this.noiseMultiplier = noiseMultiplier;
        this.delta = delta;
        this.targetEpsilon = targetEpsilon;
    }

    /** Accounts one more round. */
    public void recordRound() {
        accountant.step(samplingRate, noiseMultiplier, 1);
        spent = accountant.spent(delta);
    }

    /** Epsilon spent so far, at delta. */
    public double epsilon() {
        return spent.epsilon();
    }

    /** The epsilon after one more round, without accounting it. */
    public double epsilonAfterNextRound() {
        RdpAccountant preview = new RdpAccountant();
        preview.restore(accountant.rdpVector());
        preview.step(samplingRate, noiseMultiplier, 1);
        return preview.spent(delta).epsilon();
    }

    /** True when a target is set and one more round would spend more than it. */
    public boolean wouldExceedTarget() {
        return targetEpsilon.isPresent() && epsilonAfterNextRound() > targetEpsilon.getAsDouble();
    }

    public OptionalDouble targetEpsilon() {
        return targetEpsilon;
    }

    public double delta() {
        return delta;
    }

    public double noiseMultiplier() {
        return noiseMultiplier;
    }

    public double samplingRate() {
        return samplingRate;
    }
}
