package io.fedsim.coordinator;

import java.util.Optional;

/**
 * The server's check on every decoded update before it reaches any strategy: an update of the wrong length,
 * or with a NaN or infinite coordinate, would poison every aggregate (even a median breaks on NaN), so it
 * is rejected whatever the strategy.
 */
public final class UpdateValidator {
    private UpdateValidator() {
    }

    /** Why the update cannot be aggregated, or empty when it can. */
    public static Optional<String> problem(float[] delta, int expectedLength) {
        if (delta.length != expectedLength) {
            return Optional.of("update has " + delta.length + " parameters, the model " + expectedLength);
        }
        for (int i = 0; i < delta.length; i++) {
            if (!Float.isFinite(delta[i])) {
                return Optional.of("update has " + delta[i] + " at coordinate " + i);
            }
        }
        return Optional.empty();
    }
}
