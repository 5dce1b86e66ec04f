package io.fedsim.simulation.output;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics files of a stopped run, as a resumed run needs them: cut back to the bytes a checkpoint
 * recorded (dropping the rows of rounds after it, which the resumed run does again), and read back into
 * round records for the run's summary.
 */
public final class MetricsHistory {
    private MetricsHistory() {
    }

    /** Truncates {@code file} to {@code length} bytes, and forces it to disk. */
    public static void cutBack(Path file, long length) throws IOException {
        long size = Files.size(file);
        if (size < length) {
            throw new FedSimException(file + ": holds " + size + " bytes, but the checkpoint was taken when it held "
                    + length + "; the file was changed or cut short since, so the run cannot resume exactly");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
    }

    /** Forces a file's written bytes to disk, so that a checkpoint that counts them never outlives them. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** The rounds of a metrics.jsonl file (NaN where it has null; wall times as written, to the millisecond). */
    public static List<RoundRecord> read(Path jsonl) throws IOException {
        List<RoundRecord> records = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                records.add(record(ConfigFactory.parseString(text,
                        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))));
            } catch (RuntimeException e) {
                throw new FedSimException(jsonl + ":" + line + ": not a metrics row: " + e.getMessage(), e);
            }
        }
        return records;
    }

    private static RoundRecord record(Config row) {
        Map<String, Double> extra = new LinkedHashMap<>();
        for (String key : row.root().keySet()) {
            if (!MetricsWriter.COLUMNS.contains(key)) {
                extra.put(key, number(row, key));
            }
        }
        boolean evaluated = !Double.isNaN(number(row, "test_accuracy"));
        return new RoundRecord(row.getInt("round"), row.getInt("clients_sampled"), row.getInt("clients_completed"),
                row.getInt("clients_failed"), number(row, "train_loss"), evaluated, number(row, "test_loss"),
                number(row, "test_accuracy"), row.root().unwrapped().get("skip_reason") instanceof String reason ? reason : null,
                number(row, "round_wall_seconds"), number(row, "wall_seconds"), extra);
    }

    /** By key, not by path: a metric's name may hold a dot. NaN for null or absent. */
    private static double number(Config row, String key) {
        Object value = row.root().unwrapped().get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
