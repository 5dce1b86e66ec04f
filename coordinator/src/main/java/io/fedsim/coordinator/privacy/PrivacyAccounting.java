package io.fedsim.coordinator.privacy;

import io.fedsim.core.privacy.RdpAccountant;
import java.util.OptionalDouble;

/**
 * The privacy spent by a run so far, accounted in Renyi DP and reported as epsilon at delta. Central DP:
 * one step of the Poisson-subsampled Gaussian mechanism per round, with sampling rate q and noise
 * multiplier z. Local DP: each client's own releases are Gaussian mechanisms with no amplification by
 * sampling (whoever sees a client's update knows it took part), so the run's epsilon is that of the client
 * that took part most often. With a target epsilon, {@link #wouldExceedTarget()} tells the coordinator to
 * stop before the round that would spend more.
 */
public final class PrivacyAccounting {
    private final double samplingRate;
    private final double noiseMultiplier;
    private final double delta;
    private final OptionalDouble targetEpsilon;
    private final RdpAccountant accountant = new RdpAccountant();
    private final int[] participations;
    private int mostParticipations;
    private RdpAccountant.Spent spent = new RdpAccountant.Spent(0, Double.NaN);

    /** Central DP with sampling rate q. */
    public PrivacyAccounting(double samplingRate, double noiseMultiplier, double delta, OptionalDouble targetEpsilon) {
        this(samplingRate, noiseMultiplier, delta, targetEpsilon, null);
    }

    private PrivacyAccounting(double samplingRate, double noiseMultiplier, double delta, OptionalDouble targetEpsilon,
                              int[] participations) {
        this.samplingRate = samplingRate;
        this.noiseMultiplier = noiseMultiplier;
        this.delta = delta;
        this.targetEpsilon = targetEpsilon;
        this.participations = participations;
    }

    /** Local DP over a population of clients, each releasing noised updates with noise multiplier z. */
    public static PrivacyAccounting local(int population, double noiseMultiplier, double delta, OptionalDouble targetEpsilon) {
        return new PrivacyAccounting(1, noiseMultiplier, delta, targetEpsilon, new int[population]);
    }

    public boolean isLocal() {
        return participations != null;
    }

    /** Accounts one more round of central DP. */
    public void recordRound() {
        if (isLocal()) {
            throw new IllegalStateException("local DP accounts the clients that took part: use recordRound(int[])");
        }
        accountant.step(samplingRate, noiseMultiplier, 1);
        spent = accountant.spent(delta);
    }

    /** Accounts one more round in which the given clients released an update. */
    public void recordRound(int[] participants) {
        if (!isLocal()) {
            recordRound();
            return;
        }
        for (int id : participants) {
            mostParticipations = Math.max(mostParticipations, ++participations[id]);
        }
        spent = RdpAccountant.epsilon(1, noiseMultiplier, mostParticipations, delta);
    }

    /**
     * What the accounting has composed so far, for a checkpoint: the RDP accumulated at each order (central
     * DP), or how often each client released an update (local DP; empty under central DP).
     */
    public record Saved(double[] rdp, int[] participations) {
        public Saved {
            rdp = rdp.clone();
            participations = participations.clone();
        }
    }

    public Saved save() {
        return new Saved(accountant.rdpVector(), isLocal() ? participations : new int[0]);
    }

    /** Continues from {@code saved}, as taken by {@link #save()} from accounting of the same kind and population. */
    public void restore(Saved saved) {
        if (isLocal()) {
            if (saved.participations().length != participations.length) {
                throw new IllegalArgumentException("saved participations cover " + saved.participations().length
                        + " clients, the population has " + participations.length);
            }
            System.arraycopy(saved.participations(), 0, participations, 0, participations.length);
            mostParticipations = java.util.Arrays.stream(participations).max().orElse(0);
            spent = RdpAccountant.epsilon(1, noiseMultiplier, mostParticipations, delta);
        } else {
            accountant.restore(saved.rdp());
            spent = accountant.spent(delta);
        }
    }

    /** Epsilon spent so far, at delta. */
    public double epsilon() {
        return spent.epsilon();
    }

    /** The epsilon after one more round, without accounting it. */
    public double epsilonAfterNextRound() {
        if (isLocal()) { // worst case: the most exposed client takes part once more
            return RdpAccountant.epsilon(1, noiseMultiplier, mostParticipations + 1, delta).epsilon();
        }
        return accountant.spentAfter(samplingRate, noiseMultiplier, 1, delta).epsilon();
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
