package io.fedsim.coordinator.privacy;

import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.Kernels;
import io.fedsim.coordinator.strategy.RoundOutcome;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.core.privacy.Clipping;
import io.fedsim.core.privacy.GaussianNoise;
import io.fedsim.core.rng.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client-level differential privacy around any strategy: DP-FedAvg's Gaussian mechanism (McMahan et al.
 * 2018, "Learning Differentially Private Recurrent Language Models"). Each client's update is clipped to
 * L2 norm S; the clipped updates are summed, Gaussian noise of standard deviation z * S is added, and the
 * sum is divided by the expected cohort size (a fixed denominator, so one client changes the result by at
 * most S / expected cohort). The wrapped strategy then takes that one noisy average as the round's update
 * and applies its server step.
 *
 * <p>A round with no reporting client still releases noise: under Poisson sampling an empty cohort is a
 * possible outcome of the mechanism, and skipping it would tell an observer so.
 */
public final class CentralDp implements Strategy {
    /** The client id of the one aggregated update the wrapped strategy sees. */
    public static final int AGGREGATE_ID = -1;
    /** The state entry of the adaptive clip norm, beside the wrapped strategy's own entries. */
    static final String CLIP_NORM_STATE = "central_dp_clip_norm";

    private final Strategy inner;
    private final double noiseMultiplier;
    private final double expectedCohort;
    private final long seed;
    private final AdaptiveClipping adaptive;
    private double clipNorm;

    /**
     * @param expectedCohort the fixed denominator: the expected number of sampled clients per round
     * @param seed           the scenario seed; round r's noise comes from (seed, "central-dp-noise", r)
     */
    public CentralDp(Strategy inner, double clipNorm, double noiseMultiplier, double expectedCohort, long seed) {
        this(inner, clipNorm, noiseMultiplier, expectedCohort, seed, null);
    }

    /**
     * With adaptive clipping ({@code adaptive} not null): {@code clipNorm} is the initial clip norm and
     * {@code noiseMultiplier} the round's total noise multiplier, shared between the update and the count.
     */
    public CentralDp(Strategy inner, double clipNorm, double noiseMultiplier, double expectedCohort, long seed,
                     AdaptiveClipping adaptive) {
        if (!(clipNorm > 0) || !(noiseMultiplier >= 0) || !(expectedCohort > 0)) {
            throw new IllegalArgumentException("clip norm and expected cohort must be > 0 and the noise multiplier >= 0");
        }
        this.inner = inner;
        this.clipNorm = clipNorm;
        this.noiseMultiplier = adaptive == null ? noiseMultiplier : adaptive.updateNoiseMultiplier(noiseMultiplier);
        this.expectedCohort = expectedCohort;
        this.seed = seed;
        this.adaptive = adaptive;
    }

    /** The clip norm the next round will use. */
    public double clipNorm() {
        return clipNorm;
    }

    @Override
    public String name() {
        return inner.name();
    }

    /** The wrapped strategy's state (e.g. a server optimiser's moments). */
    @Override
    public TrainingPlan clientPlan(int round, TrainingPlan plan) {
        return inner.clientPlan(round, plan);
    }

    @Override
    public boolean keepsPartialWork() {
        return inner.keepsPartialWork();
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>(inner.state());
        if (adaptive != null) {
            state.put(CLIP_NORM_STATE, new float[] {(float) clipNorm});
        }
        return state;
    }

    @Override
    public void restore(Map<String, float[]> state) {
        Map<String, float[]> rest = new LinkedHashMap<>(state);
        float[] saved = rest.remove(CLIP_NORM_STATE);
        if (adaptive != null && saved != null) {
            clipNorm = saved[0];
        }
        inner.restore(rest);
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        float[] sum = new float[global.length];
        int clipped = 0;
        double lossSum = 0;
        for (ClientResult r : results) {
            double scale = Clipping.scale(Clipping.l2Norm(r.delta()), clipNorm);
            if (scale < 1) {
                clipped++;
            }
            Kernels.addScaled(sum, r.delta(), (float) scale);
            lossSum += r.trainLoss();
        }
        GaussianNoise.addTo(sum, noiseMultiplier * clipNorm, Rng.derive(seed, "central-dp-noise", round));
        float[] noisyMean = Kernels.plusScaled(new float[global.length], sum, (float) (1 / expectedCohort));
        double meanLoss = results.isEmpty() ? Double.NaN : lossSum / results.size();
        RoundOutcome outcome = inner.aggregate(round, global,
                List.of(new ClientResult(AGGREGATE_ID, noisyMean, 1, meanLoss)), failures);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("clip_norm", clipNorm);
        metrics.put("clipped_fraction", results.isEmpty() ? Double.NaN : (double) clipped / results.size());
        if (adaptive != null) {
            double noisedCount = results.size() - clipped
                    + adaptive.countStddev() * Rng.derive(seed, "adaptive-clip-count", round).nextGaussian();
            // kept in float precision, so that the state it is saved in restores it exactly
            clipNorm = (float) adaptive.nextClipNorm(clipNorm, noisedCount, expectedCohort);
        }
        if (outcome instanceof RoundOutcome.Aggregated a) {
            metrics.putAll(a.metrics());
            return new RoundOutcome.Aggregated(a.params(), metrics);
        }
        return outcome;
    }
}
