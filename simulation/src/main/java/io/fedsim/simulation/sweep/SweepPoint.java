package io.fedsim.simulation.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One run of a sweep: its 1-based position in the grid and the value of each varied key, in the order
 * the keys were given.
 *
 * @param width digits of the grid size, so that folder names sort in run order
 */
public record SweepPoint(int index, int width, Map<String, String> values) {
    private static final int MAX_FOLDER_NAME = 120;

    public SweepPoint {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The {@code key=value} overrides that make this run, in key order. */
    public List<String> overrides() {
        List<String> overrides = new ArrayList<>();
        values.forEach((key, value) -> overrides.add(key + "=" + value));
        return overrides;
    }

    /** {@code key=value,key2=value2}, as a person reads it. */
    public String describe() {
        return String.join(",", overrides());
    }

    /** The values with the last segment of each key: {@code noise-multiplier=0.3, clip-norm=1}, for chart labels. */
    public String label() {
        return values.entrySet().stream()
                .map(e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1) + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The run's folder below {@code runs/}: {@code 03-privacy.noise-multiplier=0.6}, with any character a
     * file system might refuse or a shell would need quoted replaced by '_', and cut to a sane length
     * (the index keeps names unique).
     */
    public String folderName() {
        String safe = describe().replaceAll("[^A-Za-z0-9._,=+-]", "_");
        String name = String.format(Locale.ROOT, "%0" + width + "d-%s", index, safe);
        return name.length() <= MAX_FOLDER_NAME ? name : name.substring(0, MAX_FOLDER_NAME);
    }
}
