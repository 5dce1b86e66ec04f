package io.fedsim.client;

import io.fedsim.core.rng.Rng;

/**
 * Faults injected into clients for testing a federation's resilience: in each round it is asked to train,
 * a client crashes with probability {@code crashProbability}, decided by the draw from
 * (seed, "crash", round, client id), so a run's crashes are known from its seed alone.
 */
public record ClientFaults(double crashProbability) {
    public static final ClientFaults NONE = new ClientFaults(0);

    public ClientFaults {
        if (!(crashProbability >= 0 && crashProbability <= 1)) {
            throw new IllegalArgumentException("crash probability must be in [0, 1], was " + crashProbability);
        }
    }

    /** Whether the client crashes when asked to train in {@code round}. */
    public boolean crashes(long seed, int round, int clientId) {
        return crashProbability > 0 && Rng.derive(seed, "crash", round, clientId).nextDouble() < crashProbability;
    }

    void maybeCrash(long seed, int round, int clientId) {
        if (crashes(seed, round, clientId)) {
            throw new InjectedCrash("injected crash of client " + clientId + " in round " + round
                    + " (faults.crash-probability = " + crashProbability + ")");
        }
    }

    /** The exception an injected crash throws: a real one, escaping the actor like any other. */
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String message) {
            super(message);
        }
    }
}
