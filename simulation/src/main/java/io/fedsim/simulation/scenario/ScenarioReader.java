package io.fedsim.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Typed reads of a merged scenario that never stop at the first error: a value of the wrong type is
 * recorded as a problem and replaced by the default, so the rest of the file is still checked.
 */
final class ScenarioReader {
    private final Config config;
    private final Config defaults;
    private final List<Problem> problems = new ArrayList<>();

    ScenarioReader(Config config, Config defaults) {
        this.config = config;
        this.defaults = defaults;
    }

    List<Problem> problems() {
        return problems;
    }

    void report(Problem problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    int integer(String path) {
        return read(path, "an integer", ScenarioReader::asInt);
    }

    long longInteger(String path) {
        return read(path, "an integer", ScenarioReader::asLong);
    }

    double number(String path) {
        return read(path, "a number", ScenarioReader::asDouble);
    }

    boolean bool(String path) {
        return read(path, "a boolean (true or false)", ScenarioReader::asBoolean);
    }

    String string(String path) {
        return read(path, "a string", ScenarioReader::asString);
    }

    Optional<String> optionalString(String path) {
        return readOptional(path, "a string", ScenarioReader::asString);
    }

    Optional<Double> optionalNumber(String path) {
        return readOptional(path, "a number", ScenarioReader::asDouble);
    }

    Duration duration(String path) {
        return read(path, "a duration with a unit, such as 60s or 500ms", ScenarioReader::asDuration);
    }

    List<Integer> integerList(String path) {
        return read(path, "a list of integers, such as [200, 200]", ScenarioReader::asIntList);
    }

    <E extends Enum<E>> E choice(String path, Class<E> type) {
        return read(path, "one of " + EnumNames.choices(type),
                v -> Optional.ofNullable(asString(v)).flatMap(s -> EnumNames.parse(type, s)).orElse(null));
    }

    /** Runs a record constructor, turning its validation failure into problems; null if it failed. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ScenarioException e) {
            e.problems().forEach(this::report);
            return null;
        }
    }

    static String show(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }

    private <T> T read(String path, String expected, Function<ConfigValue, T> convert) {
        ConfigValue value = find(path);
        T result = value == null || value.valueType() == ConfigValueType.NULL ? null : convert.apply(value);
        if (result != null) {
            return result;
        }
        if (value != null) {
            report(Problem.at(path, "expected " + expected + ", was " + show(value)));
        }
        return convert.apply(defaults.getValue(path));
    }

    private <T> Optional<T> readOptional(String path, String expected, Function<ConfigValue, T> convert) {
        ConfigValue value = find(path);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return Optional.empty();
        }
        T result = convert.apply(value);
        if (result == null) {
            report(Problem.at(path, "expected " + expected + " or null, was " + show(value)));
        }
        return Optional.ofNullable(result);
    }

    /** The value at path; null (and a problem) when the user replaced a parent object by something else. */
    private ConfigValue find(String path) {
        ConfigValue value = config.root();
        List<String> keys = ConfigUtil.splitPath(path);
        for (int i = 0; i < keys.size(); i++) {
            if (!(value instanceof ConfigObject object)) {
                String parent = ConfigUtil.joinPath(keys.subList(0, i));
                report(Problem.at(parent, "expected an object, was " + show(value)));
                return null;
            }
            value = object.get(keys.get(i));
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    private static Long asLong(ConfigValue v) {
        Object raw = v.unwrapped();
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (long) d.doubleValue() : null;
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer asInt(ConfigValue v) {
        Long l = asLong(v);
        return l != null && l == l.intValue() ? l.intValue() : null;
    }

    private static Double asDouble(ConfigValue v) {
        Object raw = v.unwrapped();
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Boolean asBoolean(ConfigValue v) {
        Object raw = v.unwrapped();
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            return switch (s.trim()) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> null;
            };
        }
        return null;
    }

    private static String asString(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING -> (String) v.unwrapped();
            case NUMBER, BOOLEAN -> String.valueOf(v.unwrapped());
            default -> null;
        };
    }

    /** A bare number would silently mean milliseconds in Typesafe Config; ask for a unit instead. */
    private static Duration asDuration(ConfigValue v) {
        if (v.valueType() != ConfigValueType.STRING || !((String) v.unwrapped()).matches(".*\\d.*[a-zA-Z].*")) {
            return null;
        }
        try {
            return ConfigValueFactory.fromAnyRef(v.unwrapped()).atKey("d").getDuration("d");
        } catch (ConfigException e) {
            return null;
        }
    }

    private static List<Integer> asIntList(ConfigValue v) {
        if (!(v instanceof ConfigList list)) {
            return null;
        }
        List<Integer> result = new ArrayList<>();
        for (ConfigValue element : list) {
            Integer i = asInt(element);
            if (i == null) {
                return null;
            }
            result.add(i);
        }
        return result;
    }
}
