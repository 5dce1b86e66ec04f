package io.fedsim.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells where a key's value came from, for error messages: "file:line" for the scenario file (or a file
 * it includes), "--set k=v" for an override, and the bare file name for a default the user never wrote.
 */
final class Locator {
    private final Path file;
    private final Config merged;
    private final List<Override> overrides;

    Locator(Path file, Config merged, List<Override> overrides) {
        this.file = file;
        this.merged = merged;
        this.overrides = overrides;
    }

    String locate(String path) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).covers(path)) {
                return overrides.get(i).label();
            }
        }
        ConfigOrigin origin = origin(path);
        if (origin == null || origin.resource() != null || origin.filename() == null) {
            return file.toString();
        }
        return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
    }

    /** True when the value at path is FedSim's default rather than something the user wrote. */
    boolean isDefault(String path) {
        boolean overridden = overrides.stream().anyMatch(o -> o.covers(path));
        ConfigOrigin origin = origin(path);
        return !overridden && origin != null && origin.resource() != null;
    }

    /** Origin of the value at path, or of its deepest existing ancestor when a parent is not an object. */
    private ConfigOrigin origin(String path) {
        ConfigValue value = merged.root();
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(value instanceof ConfigObject object) || object.get(key) == null) {
                break;
            }
            value = object.get(key);
        }
        return value == merged.root() ? null : value.origin();
    }

    /** One parsed {@code --set key=value}: the normalised key path and the text the user typed. */
    record Override(String path, String text, Config config) {
        boolean covers(String keyPath) {
            return keyPath.equals(path) || keyPath.startsWith(path + ".");
        }

        String label() {
            return "--set " + text;
        }
    }
}
