package io.fedsim.simulation.run;

import io.fedsim.coordinator.strategy.Bulyan;
import io.fedsim.coordinator.strategy.FedAdagrad;
import io.fedsim.coordinator.strategy.FedAdam;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.strategy.FedAvgM;
import io.fedsim.coordinator.strategy.FedMedian;
import io.fedsim.coordinator.strategy.FedProx;
import io.fedsim.coordinator.strategy.FedYogi;
import io.fedsim.coordinator.strategy.Krum;
import io.fedsim.coordinator.strategy.MultiKrum;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.strategy.TrimmedMean;
import io.fedsim.core.FedSimException;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Mlp;
import io.fedsim.core.model.Model;
import io.fedsim.simulation.scenario.ModelSpec;
import io.fedsim.simulation.scenario.StrategySpec;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The models and strategies a scenario can name. */
public final class Components {
    /** Strategies by the name scenarios use, each built from the scenario's strategy block. */
    private static final Map<String, Function<StrategySpec, Strategy>> STRATEGIES = new TreeMap<>(Map.ofEntries(
            Map.entry("fedavg", s -> new FedAvg(s.serverLearningRate())),
            Map.entry("fedavgm", s -> new FedAvgM(s.serverLearningRate(), s.momentum())),
            Map.entry("fedadagrad", s -> new FedAdagrad(s.serverLearningRate(), s.beta1(), s.tau())),
            Map.entry("fedadam", s -> new FedAdam(s.serverLearningRate(), s.beta1(), s.beta2(), s.tau())),
            Map.entry("fedyogi", s -> new FedYogi(s.serverLearningRate(), s.beta1(), s.beta2(), s.tau())),
            Map.entry("fedprox", s -> new FedProx(s.mu(), s.serverLearningRate())),
            Map.entry("fedmedian", s -> new FedMedian(s.serverLearningRate())),
            Map.entry("trimmed-mean", s -> new TrimmedMean(s.serverLearningRate(), s.trimFraction())),
            Map.entry("krum", s -> new Krum(s.serverLearningRate(), s.byzantineClients())),
            Map.entry("multi-krum", s -> new MultiKrum(s.serverLearningRate(), s.byzantineClients())),
            Map.entry("bulyan", s -> new Bulyan(s.serverLearningRate(), s.byzantineClients()))));

    private Components() {
    }

    /** The strategy names scenarios may use. */
    public static Set<String> strategyNames() {
        return STRATEGIES.keySet();
    }

    public static Strategy strategy(StrategySpec spec) {
        Function<StrategySpec, Strategy> s = STRATEGIES.get(spec.name());
        if (s == null) {
            throw new FedSimException("strategy.name: unknown strategy " + spec.name() + "; known: " + strategyNames());
        }
        return s.apply(spec);
    }

    public static Model model(ModelSpec spec, int features, int classes) {
        return switch (spec.type()) {
            case LOGREG -> new LogisticRegression(features, classes);
            case MLP -> new Mlp(features, spec.hidden().stream().mapToInt(Integer::intValue).toArray(), classes);
        };
    }
}
