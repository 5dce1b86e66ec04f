package io.fedsim.simulation.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.client.TrainingMeter;
import io.fedsim.coordinator.RoundRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {
    private long now;

    private static RoundRecord round(int r, boolean evaluated) {
        return new RoundRecord(r, 2, 2, 0, 0.5, evaluated, Double.NaN, Double.NaN, null, 0, 0, Map.of());
    }

    @Test
    void figuresComeFromTheMeasuredRoundsCyclesAndTrainingSpans() {
        TrainingMeter meter = new TrainingMeter();
        now = 1_000_000_000L;
        BenchFigures figures = new BenchFigures(meter, 1, () -> now);

        // round 1 (warm-up): training starts 0.5 s after the run began
        meter.record(1_500_000_000L, 1_900_000_000L, 600);
        now = 2_000_000_000L;
        figures.onRound(round(1, false));
        // round 2: two clients in parallel from 2.010 s to 2.090 s (span 80 ms) in a 100 ms cycle
        meter.record(2_010_000_000L, 2_080_000_000L, 600);
        meter.record(2_012_000_000L, 2_090_000_000L, 400);
        now = 2_100_000_000L;
        figures.onRound(round(2, false));
        // round 3: span 150 ms in a 200 ms cycle
        meter.record(2_120_000_000L, 2_270_000_000L, 1000);
        now = 2_300_000_000L;
        figures.onRound(round(3, false));
        // round 4 evaluates centrally: left out
        meter.record(2_310_000_000L, 2_350_000_000L, 1000);
        now = 2_900_000_000L;
        figures.onRound(round(4, true));

        assertThat(figures.startupSeconds()).isCloseTo(0.5, within(1e-12));
        assertThat(figures.measuredRounds()).isEqualTo(2);
        assertThat(figures.samplesPerSecond()).isCloseTo(2000 / 0.3, within(1e-9));
        assertThat(figures.roundsPerSecond()).isCloseTo(2 / 0.3, within(1e-9));
        assertThat(figures.overheadMillisPerRound()).isCloseTo((20 + 50) / 2.0, within(1e-9));
    }

    @Test
    void theLineIsKeyValuePairsWithLocaleFreeNumbers() {
        assertThat(BenchFigures.line("a", 1, "b", 2.345, "c", Double.NaN, "d", "x")).isEqualTo("a=1 b=2.35 c=nan d=x");
    }
}
