package io.fedsim.simulation.cli;

import io.fedsim.coordinator.strategy.Aggregators;
import io.fedsim.coordinator.strategy.StrategyParameters;
import io.fedsim.coordinator.strategy.StrategyProvider;
import io.fedsim.simulation.output.Json;
import io.fedsim.simulation.run.Components;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedsim strategies}: every strategy a scenario can name, FedSim's own and those of jars on the
 * classpath, with the {@code strategy.*} keys each reads and the metrics it adds to metrics.csv.
 */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"List the registered aggregation strategies (strategy.name), with the strategy.* keys each "
                + "reads and the per-round metrics it writes to metrics.csv, then the aggregators (strategy.aggregator) "
                + "the server optimisers compose with.",
            "Strategies are found on the classpath: add a jar with FEDSIM_EXTRA_CLASSPATH (see docs/strategies.md)."})
final class StrategiesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON array, one object per strategy.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, StrategyProvider> providers = Components.strategyProviders();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            providers.values().forEach(p -> rows.add(row(p)));
            out.println(Json.array(rows));
        } else {
            int width = providers.keySet().stream().mapToInt(String::length).max().orElse(0);
            String indent = " ".repeat(width + 2);
            for (StrategyProvider p : providers.values()) {
                out.printf("%-" + width + "s  %s%n", p.name(), p.description());
                out.printf("%sparameters: %s%n", indent, list(p.parameters()));
                out.printf("%smetrics:    %s%n", indent, list(p.metrics()));
            }
            printAggregators(out, providers);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> row(StrategyProvider p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", p.name());
        row.put("description", p.description());
        row.put("parameters", p.parameters());
        row.put("metrics", p.metrics());
        if (p.parameters().contains(StrategyParameters.AGGREGATOR)) {
            row.put("aggregators", Aggregators.NAMES);
        }
        row.put("provider", p.getClass().getName());
        return row;
    }

    /**
     * The values of strategy.aggregator and the strategies that read it. A robust aggregator is the rule of the
     * strategy of the same name, so its description and keys are that provider's.
     */
    private static void printAggregators(PrintWriter out, Map<String, StrategyProvider> providers) {
        List<String> composers = providers.values().stream()
                .filter(p -> p.parameters().contains(StrategyParameters.AGGREGATOR)).map(StrategyProvider::name).toList();
        out.printf("%naggregators (strategy.aggregator; read by %s, which step along the aggregate as their "
                + "pseudo-gradient):%n", String.join(", ", composers));
        int width = Aggregators.NAMES.stream().mapToInt(String::length).max().orElse(0);
        for (String name : Aggregators.NAMES) {
            StrategyProvider rule = providers.get(name);
            if (rule == null) {
                out.printf("  %-" + width + "s  the sample-weighted mean of the updates, as FedAvg (the default)%n", name);
                continue;
            }
            List<String> keys = rule.parameters().stream()
                    .filter(k -> !k.equals(StrategyParameters.SERVER_LEARNING_RATE)).toList();
            out.printf("  %-" + width + "s  %s; keys: %s; metrics: %s%n", name, rule.description(), list(keys),
                    list(Aggregators.metrics(name)));
        }
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}
