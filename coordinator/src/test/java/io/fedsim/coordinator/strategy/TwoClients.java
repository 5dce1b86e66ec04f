package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Rounds of two clients holding 1 and 3 samples, so the pseudo-gradient is d0 / 4 + 3 d1 / 4. */
final class TwoClients {
    private TwoClients() {
    }

    static List<ClientResult> results(float[] d0, float[] d1) {
        return List.of(new ClientResult(0, d0, 1, 0.5), new ClientResult(1, d1, 3, 0.25));
    }

    /** One round's new global parameters; fails if the round was skipped. */
    static float[] round(Strategy strategy, int round, float[] global, float[] d0, float[] d1) {
        RoundOutcome outcome = strategy.aggregate(round, global, results(d0, d1), List.of());
        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        return ((RoundOutcome.Aggregated) outcome).params();
    }
}
