package io.fedsim.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioValidationTest {
    @TempDir
    Path dir;
    ScenarioFiles files;

    @BeforeEach
    void setUp() {
        files = new ScenarioFiles(dir);
    }

    @Test
    void fractionAboveOne() {
        assertThat(files.error("name = a\nclients.fraction = 1.5"))
                .isEqualTo(files.line(2) + "clients.fraction: must be in (0, 1], was 1.5");
    }

    @Test
    void negativeLearningRate() {
        assertThat(files.error("clients {\n  learning-rate = -0.1\n}"))
                .isEqualTo(files.line(2) + "clients.learning-rate: must be > 0, was -0.1");
    }

    @Test
    void learningRateDecayOutsideTheUnitInterval() {
        assertThat(files.error("clients {\n  learning-rate-schedule = exponential\n  learning-rate-decay = 1.5\n}"))
                .isEqualTo(files.line(3) + "clients.learning-rate-decay: must be in (0, 1], was 1.5");
        assertThat(files.error("clients.learning-rate-decay = 0"))
                .isEqualTo(files.line(1) + "clients.learning-rate-decay: must be in (0, 1], was 0");
    }

    @Test
    void unknownLearningRateSchedule() {
        assertThat(files.error("clients.learning-rate-schedule = cosine"))
                .isEqualTo(files.line(1) + "clients.learning-rate-schedule: expected one of constant | exponential, "
                        + "was \"cosine\"");
    }

    @Test
    void unknownWayToSpawnClients() {
        assertThat(files.error("runtime.spawn-clients = lazily"))
                .isEqualTo(files.line(1) + "runtime.spawn-clients: expected one of at-start | on-first-use, was \"lazily\"");
    }

    @Test
    void negativeFairnessExponent() {
        assertThat(files.error("strategy {\n  q = -0.5\n}"))
                .isEqualTo(files.line(2) + "strategy.q: must be finite and >= 0, was -0.5");
    }

    @Test
    void checkpointEveryAndKeepMustBePositive() {
        assertThat(files.error("checkpoint {\n  every = 0\n}"))
                .isEqualTo(files.line(2) + "checkpoint.every: must be >= 1, was 0");
        assertThat(files.error("checkpoint.keep = -1"))
                .isEqualTo(files.line(1) + "checkpoint.keep: must be >= 1, was -1");
    }

    @Test
    void zeroRounds() {
        assertThat(files.error("rounds = 0")).isEqualTo(files.line(1) + "rounds: must be >= 1, was 0");
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() {
        assertThat(files.error("clients.learning_rate = 0.1\ndata.partiton.scheme = iid\nclients.rounds = 5"))
                .isEqualTo(String.join("\n",
                        files.line(1) + "clients.learning_rate: unknown key, did you mean clients.learning-rate?",
                        files.line(2) + "data.partiton.scheme: unknown key, did you mean data.partition.scheme?",
                        files.line(3) + "clients.rounds: unknown key, did you mean rounds?"));
    }

    @Test
    void unknownKeysWithNothingCloseListTheKnownKeysThere() {
        assertThat(files.error("strategy.server-lr = 0.01")).isEqualTo(files.line(1)
                + "strategy.server-lr: unknown key, known keys in strategy: aggregator, beta1, beta2, byzantine-clients, momentum, mu, "
                + "name, q, server-learning-rate, tau, trim-fraction");
    }

    @Test
    void wrongTypes() {
        assertThat(files.error("rounds = \"ten\"\nmodel.hidden = 5\nround.timeout = 60\ndata.synthetic.iid = maybe"))
                .isEqualTo(String.join("\n",
                        files.line(1) + "rounds: expected an integer, was \"ten\"",
                        files.line(2) + "model.hidden: expected a list of integers, such as [200, 200], was 5",
                        files.line(3) + "round.timeout: expected a duration with a unit, such as 60s or 500ms, was 60",
                        files.line(4) + "data.synthetic.iid: expected a boolean (true or false), was \"maybe\""));
    }

    @Test
    void fractionalIntegersAreNotTruncated() {
        assertThat(files.error("clients.local-epochs = 1.5"))
                .isEqualTo(files.line(1) + "clients.local-epochs: expected an integer, was 1.5");
    }

    @Test
    void aSectionReplacedByAValue() {
        assertThat(files.error("clients = 5")).isEqualTo(files.line(1) + "clients: expected an object, was 5");
    }

    @Test
    void idxWithoutDirIsReportedWhereTheSourceWasSet() {
        assertThat(files.error("rounds = 5\ndata.source = idx")).isEqualTo(files.line(2)
                + "data.dir: required when data.source = idx (the folder holding the four MNIST IDX files), was null");
    }

    @Test
    void csvWithoutTrainFile() {
        assertThat(files.error("data.source = csv"))
                .isEqualTo(files.line(1) + "data.csv.train: required when data.source = csv, was null");
    }

    @Test
    void unknownStrategyListsTheKnownNames() {
        ScenarioLoader loader = new ScenarioLoader(Set.of("fedavg", "fedprox"));
        Path file = files.write("s.conf", "strategy { name = fedadam }");

        assertThatThrownBy(() -> loader.load(file, List.of())).hasMessage(file + ":1: "
                + "strategy.name: unknown strategy, expected one of fedavg | fedprox, was \"fedadam\"");
    }

    @Test
    void unknownEnumValueListsTheChoices() {
        assertThat(files.error("data.partition.scheme = dirichlett")).isEqualTo(files.line(1)
                + "data.partition.scheme: expected one of iid | dirichlet | shards | quantity-skew | natural, "
                + "was \"dirichlett\"");
    }

    @Test
    void logregWithHiddenLayers() {
        assertThat(files.error("model {\n  type = logreg\n  hidden = [100]\n}")).isEqualTo(files.line(3)
                + "model.hidden: applies only to type mlp (model.type is logreg), was [100]");
    }

    @Test
    void naturalPartitionOnBlobs() {
        assertThat(files.error("data.partition.scheme = natural")).isEqualTo(files.line(1)
                + "data.partition.scheme: natural needs data.source = fedprox-synthetic, or csv with "
                + "data.csv.group-column set, was natural (data.source is blobs)");
    }

    @Test
    void naturalPartitionOnCsvWithoutGroups() {
        assertThat(files.error("data { source = csv, csv.train = a.csv, partition.scheme = natural }"))
                .isEqualTo(files.line(1) + "data.partition.scheme: natural needs data.source = fedprox-synthetic, "
                        + "or csv with data.csv.group-column set, was natural (data.csv.group-column is null)");
    }

    @Test
    void minPerRoundAboveCount() {
        assertThat(files.error("clients { count = 10, min-per-round = 20 }"))
                .isEqualTo(files.line(1) + "clients.min-per-round: must be <= clients.count (10), was 20");
    }

    @Test
    void allProblemsOfAFileAreReportedTogetherInFileOrder() {
        String message = files.error("""
                clients.fraction = 1.5
                rounds = 0
                model.type = cnn
                clients.batch_size = 5
                data.blobs.classes = 1
                """);

        assertThat(message.lines()).containsExactly(
                files.line(1) + "clients.fraction: must be in (0, 1], was 1.5",
                files.line(2) + "rounds: must be >= 1, was 0",
                files.line(3) + "model.type: expected one of mlp | logreg, was \"cnn\"",
                files.line(4) + "clients.batch_size: unknown key, did you mean clients.batch-size?",
                files.line(5) + "data.blobs.classes: must be >= 2, was 1");
    }

    @Test
    void problemsFromOverridesNameTheOverride() {
        assertThat(files.error("clients.fraction = 0.5", "clients.fraction=1.5", "clients.learnin-rate=0.1"))
                .isEqualTo(String.join("\n",
                        "--set clients.fraction=1.5: clients.fraction: must be in (0, 1], was 1.5",
                        "--set clients.learnin-rate=0.1: clients.learnin-rate: unknown key, "
                                + "did you mean clients.learning-rate?"));
    }

    @Test
    void malformedOverride() {
        assertThat(files.error("", "clients.fraction", "=3")).isEqualTo(String.join("\n",
                "--set clients.fraction: expected key=value with a key path such as clients.fraction=0.2",
                "--set =3: expected key=value with a key path such as clients.fraction=0.2"));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> ScenarioFiles.LOADER.load(missing, List.of()))
                .isInstanceOf(FedSimException.class).hasMessage(missing + ": no such scenario file");
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        assertThat(files.error("rounds = 5\nclients {\n  fraction = [1,\n}\n"))
                .startsWith(files.line(4) + "invalid HOCON: ");
    }

    @Test
    void unresolvedSubstitution() {
        assertThat(files.error("rounds = ${nope}"))
                .isEqualTo(files.line(1) + "invalid HOCON: Could not resolve substitution to a value: ${nope}");
    }
}
