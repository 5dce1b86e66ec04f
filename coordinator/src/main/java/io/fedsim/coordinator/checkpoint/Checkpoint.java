package io.fedsim.coordinator.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One checkpoint as it is on disk: a header (which FedSim wrote it, after which round, for which scenario)
 * and named sections of float32, float64 or int64 values, or UTF-8 text. What the names mean is {@link RunState}'s
 * business; this record only carries them. Sections are kept sorted by name so that the file's bytes
 * depend on its contents alone.
 *
 * @param scenarioSha256 the SHA-256 of the run's resolved scenario text (scenario.conf), 32 bytes
 */
public record Checkpoint(String fedsimVersion, int round, byte[] scenarioSha256, Map<String, float[]> floats,
                         Map<String, double[]> doubles, Map<String, long[]> longs, Map<String, String> texts) {

    public Checkpoint {
        if (scenarioSha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, got " + scenarioSha256.length);
        }
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, was " + round);
        }
        scenarioSha256 = scenarioSha256.clone();
        floats = Collections.unmodifiableMap(new TreeMap<>(floats));
        doubles = Collections.unmodifiableMap(new TreeMap<>(doubles));
        longs = Collections.unmodifiableMap(new TreeMap<>(longs));
        texts = Collections.unmodifiableMap(new TreeMap<>(texts));
    }

    /** A checkpoint without text sections. */
    public Checkpoint(String fedsimVersion, int round, byte[] scenarioSha256, Map<String, float[]> floats,
                      Map<String, double[]> doubles, Map<String, long[]> longs) {
        this(fedsimVersion, round, scenarioSha256, floats, doubles, longs, Map.of());
    }

    @Override
    public byte[] scenarioSha256() {
        return scenarioSha256.clone();
    }

    /** Value equality, array contents included (a record compares arrays by identity). */
    public boolean sameAs(Checkpoint other) {
        return fedsimVersion.equals(other.fedsimVersion) && round == other.round
                && Arrays.equals(scenarioSha256, other.scenarioSha256)
                && sameKeysAnd(floats, other.floats, Arrays::equals)
                && sameKeysAnd(doubles, other.doubles, Arrays::equals)
                && sameKeysAnd(longs, other.longs, Arrays::equals)
                && texts.equals(other.texts);
    }

    private static <T> boolean sameKeysAnd(Map<String, T> a, Map<String, T> b, java.util.function.BiPredicate<T, T> eq) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> eq.test(a.get(k), b.get(k)));
    }
}
