package io.fedsim.simulation.sweep;

import io.fedsim.simulation.output.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a sweep's rows as {@code sweep.csv} and {@code sweep.jsonl}: the varied keys, then
 * final_test_accuracy, best_test_accuracy, epsilon, rounds, wall_seconds, run_dir. Epsilon is empty (CSV)
 * or null (JSON) for a run that is not private, and {@code inf} (CSV) or {@code "Infinity"} (JSON) for a
 * private run without noise.
 */
public final class SweepTable {
    public static final List<String> RESULT_COLUMNS = List.of("final_test_accuracy", "best_test_accuracy", "epsilon",
            "rounds", "wall_seconds", "run_dir");

    private SweepTable() {
    }

    public static void write(Path dir, List<String> keys, List<SweepRow> rows) throws IOException {
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(RESULT_COLUMNS);
        StringBuilder csv = new StringBuilder(String.join(",", columns.stream().map(SweepTable::csvCell).toList()))
                .append('\n');
        StringBuilder jsonl = new StringBuilder();
        for (SweepRow row : rows) {
            csv.append(String.join(",", cells(row).values().stream().map(SweepTable::csvCell).toList())).append('\n');
            Map<String, Object> json = new LinkedHashMap<>(cells(row));
            json.put("epsilon", !row.isPrivate() ? null : Double.isInfinite(row.epsilon()) ? "Infinity" : row.epsilon());
            jsonl.append(Json.object(json)).append('\n');
        }
        Files.writeString(dir.resolve("sweep.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sweep.jsonl"), jsonl, StandardCharsets.UTF_8);
    }

    /** The row's cells in column order: varied values as typed, then the results. */
    private static Map<String, Object> cells(SweepRow row) {
        Map<String, Object> cells = new LinkedHashMap<>(row.point().values());
        cells.put("final_test_accuracy", row.finalTestAccuracy());
        cells.put("best_test_accuracy", row.bestTestAccuracy());
        cells.put("epsilon", !row.isPrivate() ? null : Double.isInfinite(row.epsilon()) ? "inf" : row.epsilon());
        cells.put("rounds", row.rounds());
        cells.put("wall_seconds", round(row.wallSeconds(), 3));
        cells.put("run_dir", row.runDir());
        return cells;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String csvCell(Object v) {
        if (v == null || (v instanceof Double d && d.isNaN())) {
            return "";
        }
        String s = v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
