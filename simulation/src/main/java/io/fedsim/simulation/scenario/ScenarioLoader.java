package io.fedsim.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import io.fedsim.simulation.scenario.Locator.Override;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a scenario file plus command-line overrides into a validated {@link Scenario}, or throws one
 * {@link ScenarioException} listing every problem found, each as {@code file:line: key.path: detail}
 * (or {@code --set k=v: key.path: detail} when the value came from an override).
 *
 * <p>Defaults come from {@code fedsim/reference.conf} only, never from {@code ConfigFactory.load()}, so
 * system properties and Akka's settings cannot leak into a scenario. The CLI's {@code --seed N} is the
 * override {@code seed=N}.
 */
public final class ScenarioLoader {
    private static final String DEFAULTS_RESOURCE = "fedsim/reference.conf";
    private static final Config DEFAULTS = ConfigFactory.parseResources(ScenarioLoader.class.getClassLoader(),
            DEFAULTS_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    private static final UnknownKeys UNKNOWN_KEYS = new UnknownKeys(DEFAULTS);

    private static final Pattern LINE = Pattern.compile(":(\\d+)$");

    private final Map<String, StrategyTraits> strategies;

    /**
     * @param strategies the registered strategy names a scenario may choose from, all taken as averaging
     *                   strategies ({@link StrategyTraits#AVERAGING})
     */
    public ScenarioLoader(Set<String> strategies) {
        this(Objects.requireNonNull(strategies, "strategies").stream()
                .collect(Collectors.toMap(name -> name, name -> StrategyTraits.AVERAGING)));
    }

    /** @param strategies the registered strategies a scenario may choose from, with what the checks need to know */
    public ScenarioLoader(Map<String, StrategyTraits> strategies) {
        this.strategies = Map.copyOf(Objects.requireNonNull(strategies, "strategies"));
    }

    public Scenario load(Path file) {
        return load(file, List.of());
    }

    /** @param overrides {@code key=value} texts, applied in order on top of the file */
    public Scenario load(Path file, List<String> overrides) {
        List<Problem> problems = new ArrayList<>();
        List<Override> parsed = Overrides.parse(overrides, problems);
        Config merged = merge(file, parsed, problems);
        Locator locator = new Locator(file, merged, parsed);
        problems.addAll(UNKNOWN_KEYS.find(merged, locator));
        ScenarioReader reader = new ScenarioReader(merged, DEFAULTS);
        Scenario scenario = new ScenarioAssembler(reader, locator, strategies, file).assemble();
        for (Problem problem : reader.problems()) {
            problems.add(problem.location().isEmpty() ? problem.locatedAt(locator.locate(problem.path())) : problem);
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(problem -> order(problem, overrides)));
            throw new ScenarioException(problems);
        }
        return scenario;
    }

    /** Overrides over the file over the defaults, resolved; a file that cannot be read ends the load. */
    private static Config merge(Path file, List<Override> overrides, List<Problem> problems) {
        try {
            Config merged = parseFile(file);
            for (Override override : overrides) {
                merged = override.config().withFallback(merged);
            }
            return merged.withFallback(DEFAULTS).resolve();
        } catch (ConfigException e) {
            problems.add(new Problem(location(e.origin(), file), "", detail(e)));
        } catch (ScenarioException e) {
            problems.addAll(e.problems());
        }
        throw new ScenarioException(problems);
    }

    private static Config parseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            String detail = Files.exists(file) ? "not a regular file" : "no such scenario file";
            throw new ScenarioException(List.of(new Problem(file.toString(), "", detail)));
        }
        return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }

    private static String location(ConfigOrigin origin, Path file) {
        if (origin == null || origin.filename() == null) {
            return origin != null && origin.description().startsWith("--set ")
                    ? origin.description().replaceFirst(": \\d+$", "") : file.toString();
        }
        return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
    }

    /**
     * Sort key: overrides first in the order given, then problems without a line, then file order, so
     * the message reads like the command line and the file.
     */
    private static int order(Problem problem, List<String> overrides) {
        String location = problem.location();
        if (location.startsWith("--set ")) {
            return overrides.indexOf(location.substring("--set ".length())) - overrides.size() - 1;
        }
        Matcher m = LINE.matcher(location);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Typesafe Config prefixes its messages with the origin, which the location already shows. */
    private static String detail(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            message = message.substring(e.origin().description().length() + 2);
        }
        return (e instanceof ConfigException.Parse ? "invalid HOCON: " : "") + message;
    }
}
