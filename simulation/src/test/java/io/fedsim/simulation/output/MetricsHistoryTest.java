package io.fedsim.simulation.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.coordinator.RoundRecord;
import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsHistoryTest {
    @TempDir
    Path dir;

    private static RoundRecord round(int r, boolean evaluated, String skip) {
        return new RoundRecord(r, 4, skip == null ? 4 : 0, skip == null ? 0 : 4, skip == null ? 0.25 * r : Double.NaN,
                evaluated, evaluated ? 0.5 : Double.NaN, evaluated ? 0.75 : Double.NaN, skip, 0.125, 0.5 * r,
                Map.of("epsilon", 1.5 * r, "odd.name", 2.0));
    }

    @Test
    void rowsCutBackToACheckpointReadBackAsTheRecordsWritten() throws IOException {
        List<String> extra = List.of("epsilon", "odd.name");
        long csvAtTwo;
        long jsonlAtTwo;
        try (MetricsWriter w = new MetricsWriter(dir, extra)) {
            w.onRound(round(1, false, null));
            w.onRound(round(2, true, "no client reported, \"all\" failed"));
            csvAtTwo = Files.size(dir.resolve("metrics.csv"));
            jsonlAtTwo = Files.size(dir.resolve("metrics.jsonl"));
            w.onRound(round(3, true, null));
        }
        MetricsHistory.cutBack(dir.resolve("metrics.csv"), csvAtTwo);
        MetricsHistory.cutBack(dir.resolve("metrics.jsonl"), jsonlAtTwo);

        List<RoundRecord> back = MetricsHistory.read(dir.resolve("metrics.jsonl"));
        assertThat(back).containsExactly(round(1, false, null), round(2, true, "no client reported, \"all\" failed"));
        try (MetricsWriter w = MetricsWriter.continuing(dir, extra, back)) {
            w.onRound(round(3, true, null));
            assertThat(w.records()).extracting(RoundRecord::round).containsExactly(1, 2, 3);
        }
        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(4).first().asString()
                .startsWith("round,").endsWith(",epsilon,odd.name");
        assertThat(MetricsHistory.read(dir.resolve("metrics.jsonl"))).hasSize(3).last().isEqualTo(round(3, true, null));
    }

    @Test
    void aFileShorterThanTheCheckpointSaysIsRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("metrics.csv"), "round\n1\n");
        assertThatThrownBy(() -> MetricsHistory.cutBack(csv, 100)).isInstanceOf(FedSimException.class)
                .hasMessageContaining("holds 8 bytes, but the checkpoint was taken when it held 100");
    }
}
