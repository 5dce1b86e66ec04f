package io.fedsim.simulation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.coordinator.strategy.BuiltInStrategies;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.strategy.Scaffold;
import io.fedsim.coordinator.strategy.StrategyProvider;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.scenario.StrategySpec;
import io.fedsim.simulation.scenario.StrategyTraits;
import java.util.List;
import org.example.MedianNormClip;
import org.junit.jupiter.api.Test;

/** The strategy registry: built-ins and the test classpath's third-party provider, found by ServiceLoader. */
class ComponentsTest {

    /** A second provider that claims a built-in's name. */
    public static final class Impostor extends StrategyProvider.Base {
        public Impostor() {
            super("krum", "not krum", List.of(), List.of(), p -> new FedAvg());
        }
    }

    @Test
    void builtInsAndTheTestClasspathsStrategyAreRegistered() {
        assertThat(Components.strategyNames()).containsExactly("bulyan", "fedadagrad", "fedadam", "fedavg", "fedavgm",
                "fedmedian", "fednova", "fedprox", "fedyogi", "krum", "median-norm-clip", "multi-krum", "qfedavg", "scaffold",
                "trimmed-mean");
        assertThat(Components.strategy(StrategySpec.named("median-norm-clip"))).isInstanceOf(MedianNormClip.class);
        assertThat(Components.strategy(StrategySpec.named("krum")).name()).isEqualTo("krum");
    }

    @Test
    void theTraitsTheLoaderChecksComeFromTheProviders() {
        var traits = Components.strategyTraits();

        assertThat(traits.get("fedadam")).isEqualTo(new StrategyTraits(true, false, false));
        assertThat(traits.get("fedavgm").takesAggregator()).isTrue();
        assertThat(traits.get("fedavg")).isEqualTo(StrategyTraits.AVERAGING);
        assertThat(traits.get("krum")).isEqualTo(new StrategyTraits(false, true, false));
        assertThat(traits.get("scaffold")).isEqualTo(new StrategyTraits(false, false, true));
    }

    @Test
    void scaffoldIsMadeForTheRunsPopulation() {
        assertThat(Components.strategy(StrategySpec.named("scaffold"), 100)).isInstanceOf(Scaffold.class);
        assertThatThrownBy(() -> Components.strategy(StrategySpec.named("scaffold")))
                .isInstanceOf(FedSimException.class).hasMessageContaining("population");
    }

    @Test
    void aNameRegisteredTwiceIsAnErrorNamingBothClasses() {
        assertThatThrownBy(() -> Components.registry(List.of(new BuiltInStrategies.KrumProvider(), new Impostor())))
                .isInstanceOf(FedSimException.class)
                .hasMessageContaining("strategy name krum is registered twice")
                .hasMessageContaining(BuiltInStrategies.KrumProvider.class.getName())
                .hasMessageContaining(Impostor.class.getName());
    }

    @Test
    void aDeclaredParameterMustBeAStrategyKey() {
        StrategyProvider odd = new StrategyProvider.Base("odd", "reads a key that does not exist",
                List.of("strategy.clip"), List.of(), p -> new FedAvg()) {
        };
        assertThatThrownBy(() -> Components.registry(List.of(odd))).isInstanceOf(FedSimException.class)
                .hasMessageContaining("declares parameter strategy.clip");
    }

    @Test
    void anUnknownNameIsAUserErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> Components.strategy(StrategySpec.named("fedsgd"))).isInstanceOf(FedSimException.class)
                .hasMessageContaining("unknown strategy fedsgd").hasMessageContaining("median-norm-clip");
    }
}
