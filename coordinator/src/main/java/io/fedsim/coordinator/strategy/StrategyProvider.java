package io.fedsim.coordinator.strategy;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a {@link Strategy} known by name, through {@link java.util.ServiceLoader}: a jar that lists its
 * providers in {@code META-INF/services/io.fedsim.coordinator.strategy.StrategyProvider} adds strategies a
 * scenario can choose with {@code strategy.name}. A provider needs a public no-argument constructor; most
 * extend {@link Base}. Names are unique across the classpath.
 */
public interface StrategyProvider {

    /** The name scenarios use ({@code strategy.name}), e.g. {@code fedavg}; the strategy's {@link Strategy#name()}. */
    String name();

    /** One line for {@code fedsim strategies}: what the rule does, and its paper. */
    String description();

    /** The scenario keys the strategy reads, from {@link StrategyParameters#KEYS}. */
    List<String> parameters();

    /** The figures its aggregated rounds report ({@link RoundOutcome.Aggregated#metrics()}), written to metrics.csv. */
    List<String> metrics();

    /**
     * True for rules that compare the clients' individual updates (medians, Krum): they are meaningless
     * under central DP, which hands the strategy one noised average per round, and FedSim refuses the pair.
     */
    default boolean comparesIndividualUpdates() {
        return false;
    }

    /**
     * True for rules whose clients keep state between rounds and send a second vector beside their update
     * (SCAFFOLD's control variates c_i and delta_c). Neither DP mode clips or noises that vector, and it
     * reveals the client's raw update, so FedSim refuses such a strategy under privacy.
     */
    default boolean keepsClientState() {
        return false;
    }

    /**
     * A new strategy for one run.
     *
     * @throws IllegalArgumentException if a parameter is out of the strategy's range
     */
    Strategy create(StrategyParameters parameters);

    /** A provider from fixed values: a subclass only calls the constructor. */
    abstract class Base implements StrategyProvider {
        private final String name;
        private final String description;
        private final List<String> parameters;
        private final List<String> metrics;
        private final Function<StrategyParameters, Strategy> factory;

        protected Base(String name, String description, List<String> parameters, List<String> metrics,
                       Function<StrategyParameters, Strategy> factory) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = Objects.requireNonNull(description, "description");
            this.parameters = List.copyOf(parameters);
            this.metrics = List.copyOf(metrics);
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final String description() {
            return description;
        }

        @Override
        public final List<String> parameters() {
            return parameters;
        }

        @Override
        public final List<String> metrics() {
            return metrics;
        }

        @Override
        public final Strategy create(StrategyParameters p) {
            return factory.apply(Objects.requireNonNull(p, "parameters"));
        }

        @Override
        public String toString() {
            return getClass().getName() + "(" + name + ")";
        }
    }
}
