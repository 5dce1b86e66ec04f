package io.fedsim.simulation.sweep;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.scenario.Scenario;
import io.fedsim.simulation.scenario.ScenarioException;
import io.fedsim.simulation.scenario.ScenarioException.Problem;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every run of a sweep, loaded and validated before any of them starts: a value that is wrong in one
 * combination stops the whole sweep with the problems of all combinations, each listed once.
 *
 * @param baseName the scenario's own name (the sweep folder's default name starts with it)
 */
public record SweepPlan(String baseName, List<String> keys, List<Run> runs) {

    /** One run: its place in the grid and its validated scenario. */
    public record Run(SweepPoint point, Scenario scenario) {
    }

    public SweepPlan {
        keys = List.copyOf(keys);
        runs = List.copyOf(runs);
    }

    /**
     * @param overrides the user's {@code --set} texts; the varied values are applied after them
     * @param threads   {@code runtime.training-threads} for each run, applied before the user's overrides
     *                  so that an explicit {@code --set runtime.training-threads=N} wins
     */
    public static SweepPlan of(ScenarioLoader loader, Path file, List<String> overrides, SweepGrid grid, int threads) {
        Set<String> problems = new LinkedHashSet<>();
        List<Run> runs = new ArrayList<>();
        for (SweepPoint point : grid.points()) {
            List<String> all = new ArrayList<>();
            all.add("runtime.training-threads=" + threads);
            all.addAll(overrides);
            all.addAll(point.overrides());
            try {
                Scenario scenario = loader.load(file, all);
                runs.add(new Run(point, scenario));
            } catch (ScenarioException e) {
                e.problems().forEach(p -> problems.add(asVary(p, point).toString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new FedSimException("the sweep is not valid (no run was started):\n" + String.join("\n", problems));
        }
        return new SweepPlan(runs.get(0).scenario().name(), grid.keys(), runs);
    }

    /** A problem the loader placed at {@code --set k=v} for a varied value is shown at {@code --vary k=v}. */
    private static Problem asVary(Problem problem, SweepPoint point) {
        for (String override : point.overrides()) {
            if (problem.location().equals("--set " + override)) {
                return new Problem("--vary " + override, problem.path(), problem.detail());
            }
        }
        return problem;
    }
}
