package io.fedsim.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds keys the defaults do not know, which are almost always typos that would otherwise be silently
 * ignored, and suggests the closest known key.
 */
final class UnknownKeys {
    private final Set<String> leaves = new TreeSet<>();
    private final Set<String> objects = new TreeSet<>();
    private final ConfigObject defaults;

    UnknownKeys(Config defaults) {
        this.defaults = defaults.root();
        collect(this.defaults, "");
    }

    /** Every unknown leaf path in the merged scenario, each with a hint, located by the locator. */
    List<Problem> find(Config merged, Locator locator) {
        List<Problem> problems = new ArrayList<>();
        walk(merged.root(), "", locator, problems);
        return problems;
    }

    /**
     * The most likely intended key: a known key with the same name elsewhere (a misplaced key), else the
     * closest path by edit distance, else the closest key name; empty when nothing is close.
     */
    Optional<String> suggest(String path) {
        String last = lastSegment(path);
        Comparator<String> byPath = Comparator.comparingInt(known -> distance(path, known));
        Optional<String> moved = leaves.stream().filter(known -> lastSegment(known).equals(last)).min(byPath);
        if (moved.isPresent()) {
            return moved;
        }
        Optional<String> typo = leaves.stream().min(byPath)
                .filter(known -> distance(path, known) <= Math.max(2, path.length() / 4));
        if (typo.isPresent()) {
            return typo;
        }
        return leaves.stream().min(Comparator.comparingInt(known -> distance(last, lastSegment(known))))
                .filter(known -> distance(last, lastSegment(known)) <= Math.max(1, last.length() / 4));
    }

    private void collect(ConfigObject object, String prefix) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String path = join(prefix, entry.getKey());
            if (entry.getValue() instanceof ConfigObject child) {
                objects.add(path);
                collect(child, path);
            } else {
                leaves.add(path);
            }
        }
    }

    private void walk(ConfigObject object, String prefix, Locator locator, List<Problem> problems) {
        for (String key : new TreeSet<>(object.keySet())) {
            String path = join(prefix, key);
            ConfigValue value = object.get(key);
            if (leaves.contains(path) || objects.contains(path) && !(value instanceof ConfigObject)) {
                continue; // a known key; a wrong type there is the reader's to report
            }
            if (value instanceof ConfigObject child) {
                walk(child, path, locator, problems);
            } else {
                problems.add(Problem.at(path, "unknown key, " + hint(path)).locatedAt(locator.locate(path)));
            }
        }
    }

    private String hint(String path) {
        Optional<String> suggestion = suggest(path);
        if (suggestion.isPresent()) {
            return "did you mean " + suggestion.get() + "?";
        }
        List<String> keys = ConfigUtil.splitPath(path);
        ConfigObject parent = defaults;
        String parentPath = "";
        for (String key : keys) {
            if (!(parent.get(key) instanceof ConfigObject child)) {
                break;
            }
            parent = child;
            parentPath = join(parentPath, key);
        }
        String where = parentPath.isEmpty() ? "at the top level" : "in " + parentPath;
        return "known keys " + where + ": " + String.join(", ", new TreeSet<>(parent.keySet()));
    }

    private static String lastSegment(String path) {
        List<String> keys = ConfigUtil.splitPath(path);
        return keys.get(keys.size() - 1);
    }

    private static String join(String prefix, String key) {
        String quoted = ConfigUtil.joinPath(key);
        return prefix.isEmpty() ? quoted : prefix + "." + quoted;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
