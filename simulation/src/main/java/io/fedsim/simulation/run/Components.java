package io.fedsim.simulation.run;

import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.strategy.StrategyParameters;
import io.fedsim.coordinator.strategy.StrategyProvider;
import io.fedsim.core.FedSimException;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Mlp;
import io.fedsim.core.model.Model;
import io.fedsim.simulation.scenario.ModelSpec;
import io.fedsim.simulation.scenario.StrategySpec;
import io.fedsim.simulation.scenario.StrategyTraits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The models and strategies a scenario can name. Strategies are found with {@link ServiceLoader}: FedSim's
 * built-ins and those of any jar on the classpath that registers a {@link StrategyProvider}.
 */
public final class Components {
    private static volatile Map<String, StrategyProvider> strategies;

    private Components() {
    }

    /** Every registered strategy provider by name, in name order. */
    public static Map<String, StrategyProvider> strategyProviders() {
        Map<String, StrategyProvider> found = strategies;
        if (found == null) {
            found = registry(discover());
            strategies = found;
        }
        return found;
    }

    /** The strategy names scenarios may use. */
    public static Set<String> strategyNames() {
        return strategyProviders().keySet();
    }

    /** The provider registered under {@code name}. */
    public static StrategyProvider strategyProvider(String name) {
        StrategyProvider p = strategyProviders().get(name);
        if (p == null) {
            throw new FedSimException("strategy.name: unknown strategy " + name + "; known: " + strategyNames());
        }
        return p;
    }

    /**
     * What the scenario loader checks of each registered strategy: whether it reads {@code strategy.aggregator},
     * compares individual updates (refused under central DP), keeps client state (refused under DP).
     */
    public static Map<String, StrategyTraits> strategyTraits() {
        Map<String, StrategyTraits> traits = new TreeMap<>();
        strategyProviders().forEach((name, p) -> traits.put(name, new StrategyTraits(
                p.parameters().contains(StrategyParameters.AGGREGATOR), p.comparesIndividualUpdates(),
                p.keepsClientState())));
        return traits;
    }

    /** The scenario's strategy for a run whose population is not known (SCAFFOLD needs it: see the other). */
    public static Strategy strategy(StrategySpec spec) {
        return strategy(spec, 0);
    }

    /** The scenario's strategy for a federation of {@code population} clients. */
    public static Strategy strategy(StrategySpec spec, int population) {
        StrategyProvider provider = strategyProvider(spec.name());
        try {
            return provider.create(parameters(spec).withPopulation(population));
        } catch (IllegalArgumentException e) {
            throw new FedSimException("strategy " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The scenario's strategy block as the coordinator's strategies take it. */
    public static StrategyParameters parameters(StrategySpec s) {
        return new StrategyParameters(s.serverLearningRate(), s.momentum(), s.beta1(), s.beta2(), s.tau(),
                s.trimFraction(), s.byzantineClients(), s.mu(), s.q(), s.aggregator(), 0);
    }

    /**
     * Indexes providers by name, checking that names are unique and non-blank and that every declared
     * parameter is a key of the strategy block.
     */
    static Map<String, StrategyProvider> registry(Iterable<? extends StrategyProvider> providers) {
        Map<String, StrategyProvider> byName = new TreeMap<>();
        for (StrategyProvider p : providers) {
            String cls = p.getClass().getName();
            if (p.name() == null || p.name().isBlank() || !p.name().equals(p.name().strip())) {
                throw new FedSimException("strategy provider " + cls + " has an invalid name '" + p.name() + "'");
            }
            StrategyProvider earlier = byName.putIfAbsent(p.name(), p);
            if (earlier != null) {
                throw new FedSimException("strategy name " + p.name() + " is registered twice: by "
                        + earlier.getClass().getName() + " and by " + cls + "; remove one of them from the classpath");
            }
            for (String key : p.parameters()) {
                if (!StrategyParameters.KEYS.contains(key)) {
                    throw new FedSimException("strategy provider " + cls + " (" + p.name() + ") declares parameter "
                            + key + ", which is not one of " + StrategyParameters.KEYS);
                }
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    private static List<StrategyProvider> discover() {
        List<StrategyProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(StrategyProvider.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new FedSimException("could not load the strategy providers on the classpath: " + e.getMessage(), e);
        }
        return found;
    }

    public static Model model(ModelSpec spec, int features, int classes) {
        return switch (spec.type()) {
            case LOGREG -> new LogisticRegression(features, classes);
            case MLP -> new Mlp(features, spec.hidden().stream().mapToInt(Integer::intValue).toArray(), classes);
        };
    }
}
