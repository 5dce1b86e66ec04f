package io.fedsim.simulation.cli;

import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.scenario.Scenario;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its overrides, shared by the commands that read a scenario. */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file (HOCON).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario key, e.g. --set clients.fraction=0.2 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "The scenario seed (same as --set seed=N).")
    Long seed;

    Scenario load() {
        return new ScenarioLoader(Components.strategyTraits()).load(file, allOverrides());
    }

    /** The {@code --set} overrides, then {@code --seed N} as {@code seed=N}. */
    List<String> allOverrides() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return all;
    }
}
