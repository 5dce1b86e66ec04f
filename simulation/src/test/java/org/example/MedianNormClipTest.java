package org.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.RoundOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/strategies.md, tested as the page tells a researcher to. */
class MedianNormClipTest {

    @Test
    void updatesAboveTheMedianNormAreClippedToIt() {
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {1}, 1, 0),
                new ClientResult(1, new float[] {2}, 1, 0), new ClientResult(2, new float[] {30}, 1, 0));
        float[] global = {0};
        RoundOutcome out = new MedianNormClip(1).aggregate(1, global, results, List.of());
        // norms 1, 2, 30: bound 2, the third update is clipped to 2; mean (1 + 2 + 2) / 3
        assertThat(((RoundOutcome.Aggregated) out).params()[0]).isCloseTo(5f / 3, within(1e-6f));
        assertThat(((RoundOutcome.Aggregated) out).metrics()).containsEntry("clipped_clients", 1.0)
                .containsEntry("clip_bound", 2.0);
        assertThat(global).containsExactly(0f);
        assertThat(results.get(2).delta()).containsExactly(30f);
    }

    @Test
    void aRoundWithoutResultsIsSkippedWithAReason() {
        RoundOutcome out = new MedianNormClip(1).aggregate(1, new float[] {0}, List.of(),
                List.of(new ClientFailure(4, ClientFailure.Kind.TIMED_OUT, "deadline")));
        assertThat(out).isEqualTo(new RoundOutcome.Skipped("no client reported (1 failed)"));
    }
}
