package io.fedsim.simulation.cli;

import io.fedsim.coordinator.strategy.Aggregators;
import io.fedsim.simulation.scenario.Scenario;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fedsim validate FILE}: checks a scenario without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file (and overrides) without running it; print the resolved scenario with --print.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenario;

    @CommandLine.Option(names = "--print", description = "Print the fully resolved scenario.")
    boolean print;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = scenario.load();
        var out = spec.commandLine().getOut();
        if (print) {
            out.print(s.render());
        }
        out.printf("%s: OK (%s, %d rounds, %d clients, %d per round, model %s, strategy %s)%n", scenario.file,
                s.name(), s.rounds(), s.clients().count(), s.clients().clientsPerRound(),
                s.model().type().name().toLowerCase(java.util.Locale.ROOT), s.strategy().name()
                        + (s.strategy().aggregator().equals(Aggregators.MEAN) ? "" : " over " + s.strategy().aggregator()));
        out.flush();
        return 0;
    }
}
