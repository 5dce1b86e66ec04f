package io.fedsim.coordinator.privacy;

/**
 * Adaptive clipping (Andrew, Thakkar, McMahan, Ramaswamy 2021, "Differentially Private Learning with
 * Adaptive Clipping"): the clip norm follows the {@code targetQuantile} of the clients' update norms. Each
 * round the server counts the clients whose update fit inside the clip norm, adds Gaussian noise of
 * standard deviation {@code countStddev} to that count, divides by the expected cohort and moves the clip
 * norm geometrically: C <- C * exp(-learningRate * (fraction - targetQuantile)).
 *
 * <p>The count is a second Gaussian mechanism on the same clients (sensitivity 1/2 once each bit is
 * centred), so to keep the privacy of the round at noise multiplier z the update's own noise multiplier
 * rises to z_update = (z^-2 - (2 countStddev)^-2)^(-1/2) (their Theorem 1); that needs 2 countStddev > z.
 */
public record AdaptiveClipping(double targetQuantile, double learningRate, double countStddev) {

    public AdaptiveClipping {
        if (!(targetQuantile > 0 && targetQuantile < 1) || !(learningRate > 0) || !(countStddev > 0)) {
            throw new IllegalArgumentException("target quantile must be in (0, 1), learning rate and count noise > 0");
        }
    }

    /** The noise multiplier of the update sum that keeps the round's total privacy at {@code z}. */
    public double updateNoiseMultiplier(double z) {
        if (z == 0) {
            return 0;
        }
        double countMultiplier = 2 * countStddev;
        if (!(countMultiplier > z)) {
            throw new IllegalArgumentException("adaptive clipping: the count noise (standard deviation " + countStddev
                    + ") must exceed half the noise multiplier (" + z / 2 + ")");
        }
        return Math.pow(Math.pow(z, -2) - Math.pow(countMultiplier, -2), -0.5);
    }

    /** The next clip norm, from the noised count of unclipped clients. */
    public double nextClipNorm(double clipNorm, double noisedUnclippedCount, double expectedCohort) {
        double fraction = noisedUnclippedCount / expectedCohort;
        return clipNorm * Math.exp(-learningRate * (fraction - targetQuantile));
    }
}
