package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustStrategiesTest {
    private static final float HUGE = 1e6f;

    @Test
    void theStepIsTheServerLearningRateTimesTheRobustAggregate() {
        // median of the deltas 1, 3, 200 is 3; global 1 + 0.5 * 3 = 2.5. Sample counts play no part.
        List<ClientResult> results = List.of(result(0, 1f, 1000), result(1, 3f, 1), result(2, 200f, 1));
        assertThat(params(new FedMedian(0.5).aggregate(1, new float[] {1}, results, List.of()))).containsExactly(2.5f);
        // trimmed mean with beta 0.34 drops one per side: 3
        RoundOutcome trimmed = new TrimmedMean(1, 0.34).aggregate(1, new float[] {1}, results, List.of());
        assertThat(params(trimmed)).containsExactly(4f);
        assertThat(((RoundOutcome.Aggregated) trimmed).metrics()).containsEntry("trimmed_per_side", 1.0);
    }

    @Test
    void krumReportsTheClientItChose() {
        List<ClientResult> results = List.of(result(3, 0f, 1), result(5, 1f, 1), result(8, 2f, 1),
                result(9, 4f, 1), result(12, 100f, 1));
        RoundOutcome outcome = new Krum(1, 1).aggregate(1, new float[] {10}, results, List.of());
        assertThat(params(outcome)).containsExactly(11f);
        assertThat(((RoundOutcome.Aggregated) outcome).metrics())
                .containsEntry("selected_clients", 1.0).containsEntry("selected_client_id", 5.0);
        RoundOutcome multi = new MultiKrum(1, 1).aggregate(1, new float[] {10}, results, List.of());
        assertThat(params(multi)).containsExactly(11.75f);
        assertThat(((RoundOutcome.Aggregated) multi).metrics()).containsEntry("selected_clients", 4.0);
    }

    @Test
    void robustRulesStayInTheHonestRangeWhereFedAvgDoesNot() {
        int f = 2;
        List<ClientResult> results = new ArrayList<>();
        Random rng = new Random(11);
        for (int id = 0; id < 12; id++) {
            boolean attacker = id == 4 || id == 9;
            float[] delta = new float[5];
            for (int j = 0; j < delta.length; j++) {
                delta[j] = attacker ? (j % 2 == 0 ? HUGE : -HUGE) : rng.nextFloat() * 2 - 1;
            }
            results.add(new ClientResult(id, delta, attacker ? 10_000 : 50, 0));
        }
        float[] global = new float[5];
        List<Strategy> robust = List.of(new FedMedian(1), new TrimmedMean(1, 0.2), new Krum(1, f),
                new MultiKrum(1, f), new Bulyan(1, f));
        for (Strategy s : robust) {
            float[] p = params(s.aggregate(1, global, results, List.of()));
            for (int j = 0; j < p.length; j++) {
                assertThat(p[j]).as("%s, coordinate %d", s.name(), j).isBetween(-1f, 1f);
            }
        }
        float[] mean = params(new FedAvg().aggregate(1, global, results, List.of()));
        assertThat(Math.abs(mean[0])).isGreaterThan(1000f);
    }

    @Test
    void tooFewUpdatesSkipTheRoundNamingTheNumbers() {
        List<ClientResult> five = new ArrayList<>();
        for (int id = 0; id < 5; id++) {
            five.add(result(id, id, 1));
        }
        assertThat(reason(new Krum(1, 2), five)).isEqualTo("krum with f = 2 needs at least 7 updates, got 5");
        assertThat(reason(new MultiKrum(1, 2), five)).isEqualTo("multi-krum with f = 2 needs at least 7 updates, got 5");
        assertThat(reason(new MultiKrum(1, 0, 6), five))
                .isEqualTo("multi-krum with f = 0 and m = 6 needs at least 6 updates, got 5");
        assertThat(reason(new Bulyan(1, 1), five)).isEqualTo("bulyan with f = 1 needs at least 7 updates, got 5");
        assertThat(reason(new FedMedian(1), List.of())).startsWith("fedmedian needs at least 1 update, got 0");
        assertThat(reason(new TrimmedMean(1, 0.1), List.of())).startsWith("trimmed-mean needs at least 1 update, got 0");
        assertThat(new Bulyan(1, 1).aggregate(1, new float[] {0}, five.subList(0, 3), List.of()))
                .isInstanceOf(RoundOutcome.Skipped.class);
    }

    @Test
    void globalAndDeltasAreNotModified() {
        List<ClientResult> results = new ArrayList<>();
        for (int id = 0; id < 7; id++) {
            results.add(result(id, id * id - 3, 1));
        }
        float[] global = {2};
        for (Strategy s : List.<Strategy>of(new FedMedian(1), new TrimmedMean(1, 0.2), new Krum(1, 1),
                new MultiKrum(1, 1), new Bulyan(1, 1))) {
            s.aggregate(1, global, results, List.of());
        }
        assertThat(global).containsExactly(2f);
        for (ClientResult r : results) {
            assertThat(r.delta()).containsExactly((float) (r.clientId() * r.clientId() - 3));
        }
    }

    private static ClientResult result(int id, float delta, int samples) {
        return new ClientResult(id, new float[] {delta}, samples, 0);
    }

    private static String reason(Strategy s, List<ClientResult> results) {
        RoundOutcome outcome = s.aggregate(1, new float[] {0}, results, List.of());
        assertThat(outcome).isInstanceOf(RoundOutcome.Skipped.class);
        return ((RoundOutcome.Skipped) outcome).reason();
    }

    private static float[] params(RoundOutcome outcome) {
        assertThat(outcome).isInstanceOf(RoundOutcome.Aggregated.class);
        return ((RoundOutcome.Aggregated) outcome).params();
    }
}
