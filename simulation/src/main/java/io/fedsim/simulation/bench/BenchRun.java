package io.fedsim.simulation.bench;

import io.fedsim.client.TrainingMeter;
import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.run.Simulation;
import io.fedsim.simulation.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;

/** Runs a scenario with a {@link TrainingMeter} on its clients and reduces it to {@code fedsim bench}'s line. */
public final class BenchRun {
    private BenchRun() {
    }

    public static String run(Scenario scenario, Path outDir, int warmupRounds, TrainingMeter meter) throws IOException {
        RunSummary summary;
        BenchFigures figures;
        try (HeapGauge heap = HeapGauge.ofThisJvm()) {
            figures = new BenchFigures(meter, Math.min(warmupRounds, Math.max(0, scenario.rounds() - 2)), scenario.rounds(), heap);
            summary = Simulation.run(scenario, outDir, figures, meter);
        }
        return BenchFigures.line(
                "scenario", scenario.name(),
                "clients", scenario.clients().count(),
                "threads", scenario.runtime().effectiveTrainingThreads(),
                "rounds", summary.rounds(),
                "measured_rounds", figures.measuredRounds(),
                "samples_per_sec", figures.samplesPerSecond(),
                "train_samples_per_sec", figures.trainingSamplesPerSecond(),
                "rounds_per_sec", figures.roundsPerSecond(),
                "overhead_ms_per_round", figures.overheadMillisPerRound(),
                "startup_seconds", figures.startupSeconds(),
                "peak_heap_mb", MemoryPeaks.heapMb(),
                "peak_rss_mb", MemoryPeaks.rssMb(),
                "live_heap_start_mb", figures.liveHeapStartMb(),
                "live_heap_end_mb", figures.liveHeapEndMb(),
                "live_heap_mb_per_round", figures.liveHeapMbPerRound(),
                "heap_after_gc_samples", figures.heapAfterGcSamples(),
                "heap_after_gc_first_mb", figures.heapAfterGcFirstMb(),
                "heap_after_gc_last_mb", figures.heapAfterGcLastMb(),
                "heap_after_gc_mb_per_round", figures.heapAfterGcMbPerRound(),
                "full_gcs", figures.fullGcs(),
                "final_accuracy", summary.finalTestAccuracy());
    }
}
