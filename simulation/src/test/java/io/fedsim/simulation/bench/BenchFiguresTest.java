package io.fedsim.simulation.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.client.TrainingMeter;
import io.fedsim.coordinator.RoundRecord;
import java.util.List;
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
        BenchFigures figures = new BenchFigures(meter, 1, 4, new ScriptedHeap(), () -> now);

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
        // training spans 80 ms and 150 ms
        assertThat(figures.trainingSamplesPerSecond()).isCloseTo(2000 / 0.23, within(1e-9));
        assertThat(figures.roundsPerSecond()).isCloseTo(2 / 0.3, within(1e-9));
        assertThat(figures.overheadMillisPerRound()).isCloseTo((20 + 50) / 2.0, within(1e-9));
    }

    /** Without warm-up rounds the first round is measured, from its first training on: start-up is not a round. */
    @Test
    void withoutWarmUpTheFirstCycleStartsAtTheFirstTraining() {
        TrainingMeter meter = new TrainingMeter();
        now = 1_000_000_000L;
        BenchFigures figures = new BenchFigures(meter, 0, 3, new ScriptedHeap(), () -> now);
        // 3 s of start-up, then round 1 trains from 4.0 s to 4.2 s and is recorded at 4.25 s
        meter.record(4_000_000_000L, 4_200_000_000L, 600);
        now = 4_250_000_000L;
        figures.onRound(round(1, false));
        assertThat(figures.startupSeconds()).isCloseTo(3.0, within(1e-12));
        assertThat(figures.measuredRounds()).isEqualTo(1);
        assertThat(figures.samplesPerSecond()).isCloseTo(600 / 0.25, within(1e-9));
        assertThat(figures.overheadMillisPerRound()).isCloseTo(50, within(1e-9));
    }

    /** A gauge that reads back what the test planned: one natural after-GC reading per round (-1: none). */
    private static class ScriptedHeap implements HeapGauge {
        final java.util.ArrayDeque<Long> afterGc = new java.util.ArrayDeque<>();
        final java.util.ArrayDeque<Long> live = new java.util.ArrayDeque<>();
        final java.util.ArrayDeque<Integer> fullGcs = new java.util.ArrayDeque<>();
        int livesTaken;

        @Override
        public long afterLatestGc() {
            return afterGc.isEmpty() ? -1 : afterGc.poll();
        }

        @Override
        public int fullGcs() {
            return fullGcs.isEmpty() ? 0 : fullGcs.poll();
        }

        @Override
        public long live() {
            livesTaken++;
            return live.isEmpty() ? -1 : live.poll();
        }

        @Override
        public void close() {
        }
    }

    private static final long MB = 1L << 20;

    @Test
    void liveHeapIsReadAfterTheWarmupAndTheLastRoundAndTheNaturalSamplesAreFittedByLeastSquares() {
        TrainingMeter meter = new TrainingMeter();
        ScriptedHeap heap = new ScriptedHeap();
        now = 0;
        BenchFigures figures = new BenchFigures(meter, 2, 6, heap, () -> now);
        // rounds 1..6; natural after-GC heap: round 1 and 2 (warm-up, ignored), round 3 none,
        // rounds 4, 5, 6 at 100, 104, 110 MB
        heap.afterGc.addAll(List.of(500 * MB, 400 * MB, -1L, 100 * MB, 104 * MB, 110 * MB));
        heap.live.addAll(List.of(90 * MB, 96 * MB));
        heap.fullGcs.addAll(List.of(3, 5)); // read at the start reading and at the end: 2 full GCs in between
        for (int r = 1; r <= 6; r++) {
            now += 1_000_000_000L;
            figures.onRound(round(r, r == 6));
        }

        assertThat(heap.livesTaken).isEqualTo(2);
        assertThat(figures.liveHeapStartMb()).isEqualTo(90.0);
        assertThat(figures.liveHeapEndMb()).isEqualTo(96.0);
        assertThat(figures.liveHeapMbPerRound()).isCloseTo(6.0 / 4, within(1e-12));
        assertThat(figures.fullGcs()).isEqualTo(2);
        assertThat(figures.heapAfterGcSamples()).isEqualTo(3);
        assertThat(figures.heapAfterGcFirstMb()).isEqualTo(100.0);
        assertThat(figures.heapAfterGcLastMb()).isEqualTo(110.0);
        // x = 4, 5, 6 (mean 5), y = 100, 104, 110 (mean 104.667): sxy = (-1)(-4.667) + 0 + (1)(5.333) = 10, sxx = 2
        assertThat(figures.heapAfterGcMbPerRound()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void withoutWarmupTheFirstLiveReadingIsAfterRoundOneAndOneRoundGivesNoGrowth() {
        ScriptedHeap heap = new ScriptedHeap();
        heap.live.add(50 * MB);
        BenchFigures figures = new BenchFigures(new TrainingMeter(), 0, 1, heap, () -> now);
        figures.onRound(round(1, true));

        assertThat(heap.livesTaken).isEqualTo(1);
        assertThat(figures.liveHeapStartMb()).isEqualTo(50.0);
        assertThat(figures.liveHeapEndMb()).isNaN();
        assertThat(figures.liveHeapMbPerRound()).isNaN();
        assertThat(figures.heapAfterGcSamples()).isZero();
        assertThat(figures.heapAfterGcMbPerRound()).isNaN();
    }

    @Test
    void aForcedCollectionIsNotCountedInTheNextCycle() {
        TrainingMeter meter = new TrainingMeter();
        ScriptedHeap heap = new ScriptedHeap() {
            @Override
            public long live() {
                now += 700_000_000L; // the forced GC takes 0.7 s
                return super.live();
            }
        };
        now = 0;
        BenchFigures figures = new BenchFigures(meter, 1, 3, heap, () -> now);
        now = 1_000_000_000L;
        figures.onRound(round(1, false)); // live reading: clock moves to 1.7 s
        now = 1_900_000_000L;
        figures.onRound(round(2, false));

        assertThat(figures.roundsPerSecond()).isCloseTo(1 / 0.2, within(1e-9));
    }

    @Test
    void slopeOfPointsOnALineIsItsSlopeAndOfOnePointNan() {
        assertThat(BenchFigures.slope(List.of(new double[] {1, 3}, new double[] {2, 5}, new double[] {4, 9})))
                .isCloseTo(2.0, within(1e-12));
        assertThat(BenchFigures.slope(List.of(new double[] {1, 3}))).isNaN();
    }

    @Test
    void theLineIsKeyValuePairsWithLocaleFreeNumbers() {
        assertThat(BenchFigures.line("a", 1, "b", 2.345, "c", Double.NaN, "d", "x")).isEqualTo("a=1 b=2.35 c=nan d=x");
    }
}
