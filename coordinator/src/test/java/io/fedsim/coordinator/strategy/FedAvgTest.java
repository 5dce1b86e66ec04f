package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FedAvgTest {
    private final FedAvg fedAvg = new FedAvg();

    @Test
    void twoClientsByHand() {
        // n = 1 and 3, so the weights are 1/4 and 3/4: [1, 1] + [4, 0] / 4 + [0, 8] * 3 / 4 = [2, 7]
        float[] global = {1, 1};
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {4, 0}, 1, 0.5),
                new ClientResult(1, new float[] {0, 8}, 3, 0.7));

        RoundOutcome outcome = fedAvg.aggregate(1, global, results, List.of());

        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        assertThat(((RoundOutcome.Aggregated) outcome).params()).containsExactly(2f, 7f);
    }

    @Test
    void failuresDoNotWeighOnTheAverage() {
        List<ClientResult> results = List.of(new ClientResult(3, new float[] {2, -2}, 5, 0.1));
        List<ClientFailure> failures = List.of(new ClientFailure(1, ClientFailure.Kind.TIMED_OUT, "late"),
                new ClientFailure(2, ClientFailure.Kind.FAILED, "boom"));

        RoundOutcome outcome = fedAvg.aggregate(4, new float[] {1, 1}, results, failures);

        assertThat(((RoundOutcome.Aggregated) outcome).params()).containsExactly(3f, -1f);
    }

    @Test
    void theOrderOfExactlyWeightedResultsDoesNotChangeTheSum() {
        ClientResult a = new ClientResult(0, new float[] {0.5f, -3f, 1f}, 1, 0);
        ClientResult b = new ClientResult(1, new float[] {6f, 2f, -0.25f}, 2, 0);
        ClientResult c = new ClientResult(2, new float[] {-1f, 1f, 4f}, 1, 0);
        float[] global = {0f, 1f, 2f};

        float[] forward = params(fedAvg.aggregate(1, global, List.of(a, b, c), List.of()));
        float[] backward = params(fedAvg.aggregate(1, global, List.of(c, b, a), List.of()));

        // weights 1/4, 1/2, 1/4: [0.125 + 3 - 0.25, -0.75 + 1 + 0.25, 0.25 - 0.125 + 1] + global
        assertThat(forward).containsExactly(2.875f, 1.5f, 3.125f);
        assertThat(backward).containsExactly(forward);
    }

    @Test
    void noResultsSkipTheRoundWithAReason() {
        List<ClientFailure> failures = List.of(new ClientFailure(0, ClientFailure.Kind.FAILED, "x"),
                new ClientFailure(1, ClientFailure.Kind.STOPPED, "y"));

        RoundOutcome outcome = fedAvg.aggregate(2, new float[] {1, 1}, List.of(), failures);

        assertThat(outcome).isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) outcome).reason()).contains("no client reported").contains("2 failed");
    }

    @Test
    void resultsWithoutSamplesSkipTheRoundToo() {
        RoundOutcome outcome = fedAvg.aggregate(2, new float[] {1, 1},
                List.of(new ClientResult(0, new float[] {0, 0}, 0, Double.NaN)), List.of());

        assertThat(outcome).isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) outcome).reason()).contains("no samples");
    }

    @Test
    void neitherTheGlobalModelNorTheDeltasAreModified() {
        float[] global = {1, 1};
        float[] d0 = {4, 0};
        float[] d1 = {0, 8};

        float[] next = params(fedAvg.aggregate(1, global,
                List.of(new ClientResult(0, d0, 1, 0), new ClientResult(1, d1, 3, 0)), List.of()));

        assertThat(global).containsExactly(1f, 1f);
        assertThat(d0).containsExactly(4f, 0f);
        assertThat(d1).containsExactly(0f, 8f);
        assertThat(next).isNotSameAs(global).isNotSameAs(d0).isNotSameAs(d1);
    }

    private static float[] params(RoundOutcome outcome) {
        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        return ((RoundOutcome.Aggregated) outcome).params();
    }
}
