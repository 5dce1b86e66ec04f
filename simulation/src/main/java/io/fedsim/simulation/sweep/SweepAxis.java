package io.fedsim.simulation.sweep;

import io.fedsim.core.FedSimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One varied key and the values it takes, from {@code --vary KEY=v1,v2,...}. Values are split at commas
 * outside brackets, braces and quotes, so a list value such as {@code model.hidden=[100,100],[200]} keeps
 * its own commas.
 */
public record SweepAxis(String key, List<String> values) {
    public SweepAxis {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (key.isBlank() || values.isEmpty()) {
            throw new IllegalArgumentException("an axis needs a key and at least one value");
        }
    }

    /** Parses {@code KEY=v1,v2,...}; a malformed text is a user error naming it. */
    public static SweepAxis parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || text.substring(0, eq).isBlank()) {
            throw bad(text, "expected KEY=v1,v2,... such as privacy.noise-multiplier=0,0.5,1");
        }
        String key = text.substring(0, eq).trim();
        if (!key.matches("[A-Za-z0-9_.-]+")) {
            throw bad(text, "the key must be a scenario key path such as clients.fraction, was \"" + key + "\"");
        }
        List<String> values = split(text.substring(eq + 1));
        if (values.stream().allMatch(String::isEmpty)) {
            throw bad(text, "no values: expected KEY=v1,v2,... with at least one value");
        }
        if (values.contains("")) {
            throw bad(text, "an empty value (two commas in a row, or a comma at either end)");
        }
        if (values.stream().distinct().count() < values.size()) {
            throw bad(text, "a value is listed twice");
        }
        return new SweepAxis(key, values);
    }

    private static List<String> split(String list) {
        List<String> values = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                values.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        values.add(current.toString().trim());
        return values;
    }

    private static FedSimException bad(String text, String detail) {
        return new FedSimException("--vary " + text + ": " + detail);
    }
}
