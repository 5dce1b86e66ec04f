package io.fedsim.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioRecordsTest {

    @ParameterizedTest(name = "K={0}, C={1}, min={2} -> {3}")
    @CsvSource({
        "100, 0.1, 1, 10",
        "10, 0.25, 1, 3",   // 2.5 rounds half up
        "10, 0.01, 1, 1",   // round(0.1) = 0, raised to min-per-round
        "10, 0.1, 4, 4",
        "5, 1.0, 5, 5",
        "3, 0.5, 3, 3",
    })
    void clientsPerRound(int count, double fraction, int minPerRound, int expected) {
        assertThat(new ClientsSpec(count, fraction, minPerRound, 1, 10, 0.1).clientsPerRound()).isEqualTo(expected);
    }

    @Test
    void recordsBuiltInCodeReportEveryBadFieldWithoutALocation() {
        assertThatThrownBy(() -> new ClientsSpec(0, 0, 1, 0, -1, Double.NaN))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(String.join("\n",
                        "clients.count: must be >= 1, was 0",
                        "clients.fraction: must be in (0, 1], was 0",
                        "clients.local-epochs: must be >= 1, was 0",
                        "clients.batch-size: must be >= 0, was -1",
                        "clients.learning-rate: must be > 0, was NaN"));
    }

    @Test
    void otherRecordsValidateThemselves() {
        assertThatThrownBy(() -> new RoundSpec(Duration.ZERO)).hasMessage("round.timeout: must be > 0, was 0s");
        assertThatThrownBy(() -> new ModelSpec(ModelSpec.Type.MLP, List.of()))
                .hasMessage("model.hidden: must list at least one layer width for type mlp, was []");
        assertThatThrownBy(() -> new ModelSpec(ModelSpec.Type.MLP, List.of(10, 0)))
                .hasMessage("model.hidden: layer widths must be >= 1, was [10,0]");
        assertThatThrownBy(() -> new PartitionSpec(PartitionSpec.Scheme.DIRICHLET, 0, 1, 2, 1))
                .hasMessage("data.partition.alpha: must be > 0, was 0");
        assertThatThrownBy(() -> new CsvSpec(Optional.empty(), Optional.empty(), "label", false, ";;",
                Optional.empty(), 1))
                .hasMessage(String.join("\n",
                        "data.csv.label-column: must be a column index (an integer >= 0) when data.csv.header = false, "
                                + "was \"label\"",
                        "data.csv.delimiter: must be a single character, was \";;\"",
                        "data.csv.test-fraction: must be in (0, 1), was 1"));
    }

    @Test
    void zeroTrainingThreadsMeansOnePerCore() {
        assertThat(new RuntimeSpec(0).effectiveTrainingThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new RuntimeSpec(3).effectiveTrainingThreads()).isEqualTo(3);
    }

    @Test
    void durationsRenderExactly() {
        assertThat(ScenarioRenderer.duration(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(ScenarioRenderer.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ScenarioRenderer.duration(Duration.ofNanos(7))).isEqualTo("7ns");
    }

    @Test
    void editDistance() {
        assertThat(UnknownKeys.distance("learning_rate", "learning-rate")).isEqualTo(1);
        assertThat(UnknownKeys.distance("partiton", "partition")).isEqualTo(1);
        assertThat(UnknownKeys.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
    }
}
