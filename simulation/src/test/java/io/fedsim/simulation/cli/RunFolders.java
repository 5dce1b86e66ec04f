package io.fedsim.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.simulation.output.MetricsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: compares two results folders the way a resumed run must match an uninterrupted one. */
final class RunFolders {
    private RunFolders() {
    }

    /** metrics.csv without its wall-time columns (the only ones that differ between two runs of one seed). */
    static List<String> metricsWithoutWallTime(Path out) {
        List<String> csv = CliRuns.lines(out.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(",", -1));
        assertThat(header).containsAll(MetricsWriter.WALL_TIME_COLUMNS);
        List<String> result = new ArrayList<>();
        for (String line : csv) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as("a row of %s", out).hasSameSizeAs(header);
            List<String> kept = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) {
                if (!MetricsWriter.WALL_TIME_COLUMNS.contains(header.get(c))) {
                    kept.add(cells[c]);
                }
            }
            result.add(String.join(",", kept));
        }
        return result;
    }

    /** Asserts that {@code resumed} ended exactly as {@code uninterrupted}: model bytes, metrics, jsonl rows. */
    static void assertSameRun(Path resumed, Path uninterrupted, int rounds) throws IOException {
        assertThat(metricsWithoutWallTime(resumed)).hasSize(1 + rounds)
                .containsExactlyElementsOf(metricsWithoutWallTime(uninterrupted));
        assertThat(Files.readAllBytes(resumed.resolve("model-final.bin")))
                .isEqualTo(Files.readAllBytes(uninterrupted.resolve("model-final.bin")));
        assertThat(CliRuns.lines(resumed.resolve("metrics.jsonl"))).hasSize(rounds);
    }

    /** The names of the files in a run's checkpoints folder. */
    static List<String> checkpoints(Path out) {
        try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
