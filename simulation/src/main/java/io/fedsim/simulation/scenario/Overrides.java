package io.fedsim.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.fedsim.simulation.scenario.Locator.Override;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses command-line {@code key=value} overrides. A value is read as HOCON where that keeps all of it
 * (numbers, lists, booleans, quoted strings) and otherwise taken verbatim, so that paths such as
 * ../data or /a//b (which HOCON would cut at the comment marker) work without quoting.
 */
final class Overrides {
    private Overrides() {
    }

    /** The well-formed overrides, in order; each malformed one becomes a problem instead. */
    static List<Override> parse(List<String> overrides, List<Problem> problems) {
        List<Override> parsed = new ArrayList<>();
        for (String text : overrides) {
            parseOne(text).ifPresentOrElse(parsed::add, () -> problems.add(malformed(text)));
        }
        return parsed;
    }

    private static Optional<Override> parseOne(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String path;
        try {
            path = ConfigUtil.joinPath(ConfigUtil.splitPath(text.substring(0, eq).trim()));
        } catch (ConfigException e) {
            return Optional.empty();
        }
        String label = "--set " + text;
        ConfigValue value = value(text.substring(eq + 1).trim(), label);
        Config config = value.atPath(path);
        return Optional.of(new Override(path, text, config));
    }

    private static ConfigValue value(String raw, String label) {
        ConfigParseOptions options = ConfigParseOptions.defaults()
                .setSyntax(ConfigSyntax.CONF).setOriginDescription(label);
        try {
            Config parsed = ConfigFactory.parseString("v = " + raw, options);
            if (parsed.root().keySet().equals(Set.of("v")) && keepsAllText(parsed.root().get("v"), raw)) {
                return parsed.root().get("v");
            }
        } catch (ConfigException e) {
            // Not a HOCON value: the text itself is the value, as a shell user expects.
        }
        return ConfigValueFactory.fromAnyRef(raw, label);
    }

    /** An unquoted string that parsed shorter than typed lost a comment (# or //) or similar. */
    private static boolean keepsAllText(ConfigValue value, String raw) {
        try {
            return value.valueType() != ConfigValueType.STRING || raw.startsWith("\"") || raw.equals(value.unwrapped());
        } catch (ConfigException.NotResolved e) {
            return true; // a substitution such as ${clients.count}, resolved with the whole scenario
        }
    }

    private static Problem malformed(String text) {
        return new Problem("--set " + text, "", "expected key=value with a key path such as clients.fraction=0.2");
    }
}
