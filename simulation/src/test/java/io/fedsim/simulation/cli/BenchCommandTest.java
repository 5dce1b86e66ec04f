package io.fedsim.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchRunsAScenarioAndPrintsItsFiguresAsOneLineOfKeyValuePairs() {
        Path file = new CliRuns(dir).write("tiny.conf", CliRuns.TINY);
        CliRuns.Result r = CliRuns.fedsim("bench", file, "--rounds", 6, "--warmup", 1, "--out", dir.resolve("kept"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, String> figures = new LinkedHashMap<>();
        for (String pair : r.out().strip().split(" ")) {
            String[] kv = pair.split("=", 2);
            figures.put(kv[0], kv[1]);
        }
        assertThat(figures).containsKeys("samples_per_sec", "rounds_per_sec", "overhead_ms_per_round", "peak_heap_mb",
                "peak_rss_mb", "startup_seconds");
        assertThat(figures.get("rounds")).isEqualTo("6");
        assertThat(figures.get("measured_rounds")).isEqualTo("4"); // 6 rounds, minus 1 warm-up, minus the evaluated last
        assertThat(Double.parseDouble(figures.get("samples_per_sec"))).isPositive();
        assertThat(Double.parseDouble(figures.get("overhead_ms_per_round"))).isNotNegative();
        assertThat(dir.resolve("kept/metrics.csv")).exists();
        // the live heap, after full collections forced at the end of the warm-up and of the last round
        assertThat(Double.parseDouble(figures.get("live_heap_start_mb"))).isPositive();
        assertThat(Double.parseDouble(figures.get("live_heap_end_mb"))).isPositive();
        assertThat(figures).containsKeys("live_heap_mb_per_round", "heap_after_gc_samples", "heap_after_gc_mb_per_round",
                "full_gcs");
    }

    @Test
    void badArgumentsAreUserErrors() {
        CliRuns.Result r = CliRuns.fedsim("bench", "--rounds", 0);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--rounds 0");
    }
}
