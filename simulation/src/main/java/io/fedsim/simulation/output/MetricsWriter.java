package io.fedsim.simulation.output;

import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one row per round to {@code metrics.csv} and {@code metrics.jsonl}, flushed as each round ends so
 * that a run that dies keeps every finished round. Columns are appended over time, never renamed:
 * {@link #COLUMNS} is the contract. Wall-time columns are the only ones that differ between two runs of
 * the same scenario and seed.
 */
public final class MetricsWriter implements RunListener, Closeable {

    public static final List<String> COLUMNS = List.of("round", "clients_sampled", "clients_completed", "train_loss",
            "test_loss", "test_accuracy", "wall_seconds", "clients_failed", "round_wall_seconds", "skip_reason");

    /** Columns that measure wall-clock time, and so differ from run to run. */
    public static final List<String> WALL_TIME_COLUMNS = List.of("wall_seconds", "round_wall_seconds");

    private final List<String> extraColumns;
    private final BufferedWriter csv;
    private final BufferedWriter jsonl;
    private final List<RoundRecord> records = new ArrayList<>();

    public MetricsWriter(Path dir) throws IOException {
        this(dir, List.of());
    }

    /** @param extraColumns figures of {@link RoundRecord#extra()} to add after {@link #COLUMNS}, in this order */
    public MetricsWriter(Path dir, List<String> extraColumns) throws IOException {
        this(dir, extraColumns, null);
    }

    private MetricsWriter(Path dir, List<String> extraColumns, List<RoundRecord> earlier) throws IOException {
        this.extraColumns = List.copyOf(extraColumns);
        OpenOption[] mode = earlier == null ? new OpenOption[0]
                : new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND};
        this.csv = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8, mode);
        this.jsonl = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8, mode);
        if (earlier != null) {
            records.addAll(earlier);
            return;
        }
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(this.extraColumns);
        csv.write(String.join(",", header));
        csv.newLine();
        csv.flush();
    }

    /**
     * Goes on writing the metrics files of a resumed run after their last row; {@code earlier} are the rounds
     * they hold (as {@link MetricsHistory} reads them).
     */
    public static MetricsWriter continuing(Path dir, List<String> extraColumns, List<RoundRecord> earlier)
            throws IOException {
        return new MetricsWriter(dir, extraColumns, List.copyOf(earlier));
    }

    @Override
    public void onRound(RoundRecord r) {
        records.add(r);
        Map<String, Object> row = row(r);
        extraColumns.forEach(c -> row.put(c, r.extra().get(c)));
        try {
            List<String> cells = new ArrayList<>(row.size());
            row.values().forEach(v -> cells.add(csvCell(v)));
            csv.write(String.join(",", cells));
            csv.newLine();
            csv.flush();
            jsonl.write(Json.object(row));
            jsonl.newLine();
            jsonl.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the metrics of round " + r.round(), e);
        }
    }

    /** Every round recorded so far, in order. */
    public List<RoundRecord> records() {
        return Collections.unmodifiableList(records);
    }

    static Map<String, Object> row(RoundRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("round", r.round());
        row.put("clients_sampled", r.clientsSampled());
        row.put("clients_completed", r.clientsCompleted());
        row.put("train_loss", r.trainLoss());
        row.put("test_loss", r.evaluated() ? r.testLoss() : null);
        row.put("test_accuracy", r.evaluated() ? r.testAccuracy() : null);
        row.put("wall_seconds", round3(r.wallSeconds()));
        row.put("clients_failed", r.clientsFailed());
        row.put("round_wall_seconds", round3(r.roundWallSeconds()));
        row.put("skip_reason", r.skipReason());
        return row;
    }

    private static double round3(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static String csvCell(Object v) {
        if (v == null || (v instanceof Double d && d.isNaN())) {
            return "";
        }
        if (v instanceof Double d) {
            return Json.number(d);
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        try (csv; jsonl) {
            csv.flush();
            jsonl.flush();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MetricsWriter(%d rounds)", records.size());
    }
}
