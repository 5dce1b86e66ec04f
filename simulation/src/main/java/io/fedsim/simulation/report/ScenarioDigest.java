package io.fedsim.simulation.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.fedsim.core.FedSimException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A results folder's scenario.conf and summary.json in a few lines a person reads first: the data, the
 * partition, the model, the training, privacy and the outcome. Keys a folder lacks (older runs, newer
 * features) are left out rather than guessed.
 */
record ScenarioDigest(Config scenario, Config summary) {

    static ScenarioDigest read(Path dir) throws IOException {
        Path conf = dir.resolve("scenario.conf");
        if (!Files.isRegularFile(conf)) {
            throw new FedSimException(dir + ": no scenario.conf; expected a FedSim results folder (written by "
                    + "fedsim run)");
        }
        Config scenario = parse(conf, ConfigSyntax.CONF);
        Path summaryFile = dir.resolve("summary.json");
        Config summary = Files.isRegularFile(summaryFile) ? parse(summaryFile, ConfigSyntax.JSON) : ConfigFactory.empty();
        return new ScenarioDigest(scenario, summary);
    }

    private static Config parse(Path file, ConfigSyntax syntax) throws IOException {
        try {
            return ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8),
                    ConfigParseOptions.defaults().setSyntax(syntax).setOriginDescription(file.toString()));
        } catch (com.typesafe.config.ConfigException e) {
            throw new FedSimException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    String name() {
        String name = text(scenario, "name");
        return name.isEmpty() ? text(summary, "scenario") : name;
    }

    /** The opening lines of a report, label to text, in reading order. */
    Map<String, String> lines() {
        Map<String, String> lines = new LinkedHashMap<>();
        String description = text(scenario, "description");
        if (!description.isEmpty()) {
            lines.put("Scenario", description);
        }
        lines.put("Data", data());
        lines.put("Partition", partition());
        lines.put("Model", summary.hasPath("model") ? text(summary, "model") : text(scenario, "model.type")
                + (scenario.hasPath("model.hidden") ? " " + scenario.getValue("model.hidden").unwrapped() : ""));
        lines.put("Training", training());
        lines.put("Privacy", privacy());
        if (summary.hasPath("rounds")) {
            lines.put("Outcome", outcome());
        }
        return lines;
    }

    private String data() {
        String source = text(scenario, "data.source");
        String samples = summary.hasPath("train_samples") ? String.format(Locale.ROOT, "; %,d train / %,d test samples",
                summary.getLong("train_samples"), summary.getLong("test_samples")) : "";
        String what = switch (source) {
            case "blobs" -> String.format(Locale.ROOT, "Gaussian blobs, %s features, %s classes",
                    text(scenario, "data.blobs.features"), text(scenario, "data.blobs.classes"));
            case "fedprox-synthetic" -> "FedProx Synthetic(" + text(scenario, "data.synthetic.alpha") + ", "
                    + text(scenario, "data.synthetic.beta") + ")";
            case "csv" -> "CSV file " + text(scenario, "data.csv.train");
            case "idx" -> "IDX files in " + text(scenario, "data.dir");
            default -> source + (text(scenario, "data.dir").isEmpty() ? "" : " (" + text(scenario, "data.dir") + ")");
        };
        return what + samples;
    }

    private String partition() {
        String scheme = text(scenario, "data.partition.scheme");
        String detail = switch (scheme) {
            case "dirichlet" -> " (alpha " + text(scenario, "data.partition.alpha") + ", at least "
                    + text(scenario, "data.partition.min-size") + " samples per client)";
            case "shards" -> " (" + text(scenario, "data.partition.shards-per-client") + " label-sorted shards per client)";
            case "quantity-skew" -> " (log-normal sizes, sigma " + text(scenario, "data.partition.sigma") + ")";
            default -> "";
        };
        String perRound = summary.hasPath("clients_per_round") ? text(summary, "clients_per_round")
                : "a fraction " + text(scenario, "clients.fraction") + " of them";
        return scheme + detail + " over " + text(scenario, "clients.count") + " clients; " + perRound + " per round";
    }

    private String training() {
        return text(scenario, "strategy.name") + "; " + text(scenario, "rounds") + " rounds, "
                + text(scenario, "clients.local-epochs") + " local epoch(s), batch size " + text(scenario, "clients.batch-size")
                + ", learning rate " + text(scenario, "clients.learning-rate") + "; seed " + text(scenario, "seed");
    }

    private String privacy() {
        String mode = text(scenario, "privacy.mode");
        if (mode.isEmpty() || mode.equals("none")) {
            return "none";
        }
        String spent = summary.hasPath("epsilon") ? String.format(Locale.ROOT, "; epsilon spent %.3f",
                summary.getDouble("epsilon")) : summary.hasPath("privacy_mode") ? "; epsilon infinite (no noise)" : "";
        return mode + " DP: noise multiplier " + (summary.hasPath("noise_multiplier")
                ? text(summary, "noise_multiplier") : text(scenario, "privacy.noise-multiplier"))
                + ", clip norm " + text(scenario, "privacy.clip-norm") + ", delta " + delta() + spent;
    }

    String delta() {
        return scenario.hasPath("privacy.delta") ? String.format(Locale.ROOT, "%.0e",
                scenario.getDouble("privacy.delta")).replace("e-0", "e-") : "?";
    }

    private String outcome() {
        return String.format(Locale.ROOT, "%d rounds (%s); final test accuracy %s, best %s at round %s; %.1f s",
                summary.getInt("rounds"), text(summary, "stop_reason"), fixed(summary, "final_test_accuracy"),
                fixed(summary, "best_test_accuracy"), text(summary, "best_round"),
                summary.hasPath("wall_seconds") ? summary.getDouble("wall_seconds") : Double.NaN);
    }

    /** A figure of summary.json to 4 decimals, or "-" when it is absent or null (no evaluated round). */
    private static String fixed(Config config, String path) {
        return config.hasPath(path) ? String.format(Locale.ROOT, "%.4f", config.getDouble(path)) : "-";
    }

    /** Every setting as a flat key = value map (sorted), for telling runs apart. */
    Map<String, String> flat() {
        Map<String, String> flat = new TreeMap<>();
        flatten("", scenario.root(), flat);
        return flat;
    }

    private static void flatten(String prefix, ConfigValue value, Map<String, String> into) {
        if (value.valueType() == ConfigValueType.OBJECT) {
            ((com.typesafe.config.ConfigObject) value).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k,
                    v, into));
        } else {
            into.put(prefix, value.valueType() == ConfigValueType.NULL ? "null" : String.valueOf(value.unwrapped()));
        }
    }

    /** The value at {@code path} as text, or "" when it is absent or null. */
    static String text(Config config, String path) {
        if (!config.hasPath(path)) {
            return "";
        }
        Object v = config.getValue(path).unwrapped();
        return v == null ? "" : String.valueOf(v);
    }

    static List<String> keysThatDiffer(List<Map<String, String>> runs) {
        List<String> keys = new ArrayList<>();
        runs.stream().flatMap(m -> m.keySet().stream()).distinct().sorted().forEach(k -> {
            if (runs.stream().map(m -> m.getOrDefault(k, "")).distinct().count() > 1) {
                keys.add(k);
            }
        });
        return keys;
    }
}
