package io.fedsim.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.simulation.scenario.DataSpec.Scale;
import io.fedsim.simulation.scenario.DataSpec.Source;
import io.fedsim.simulation.scenario.PartitionSpec.Scheme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @TempDir
    Path dir;
    ScenarioFiles files;

    @BeforeEach
    void setUp() {
        files = new ScenarioFiles(dir);
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        Scenario s = files.load("");

        assertThat(s.name()).isEqualTo("x");
        assertThat(s.description()).isEmpty();
        assertThat(s.rounds()).isEqualTo(100);
        assertThat(s.seed()).isZero();
        assertThat(s.evalEvery()).isEqualTo(1);
        assertThat(s.targetAccuracy()).isEmpty();
        assertThat(s.data()).isEqualTo(new DataSpec(Source.BLOBS, Optional.empty(), Scale.NONE,
                new BlobsSpec(20, 10, 6000, 2000, 1.0, 1.0), new SyntheticSpec(1.0, 1.0, false),
                new CsvSpec(Optional.empty(), Optional.empty(), "label", true, ",", Optional.empty(), 0.2),
                new PartitionSpec(Scheme.IID, 0.5, 1, 2, 1.0)));
        assertThat(s.clients()).isEqualTo(new ClientsSpec(100, 0.1, 1, 1, 10, 0.1));
        assertThat(s.model()).isEqualTo(new ModelSpec(ModelSpec.Type.MLP, List.of(200, 200)));
        assertThat(s.strategy()).isEqualTo(StrategySpec.named("fedavg"));
        assertThat(s.round()).isEqualTo(new RoundSpec(Duration.ofSeconds(60)));
        assertThat(s.runtime()).isEqualTo(new RuntimeSpec(0, RuntimeSpec.SpawnClients.ON_FIRST_USE));
        assertThat(s.checkpoint()).isEqualTo(new CheckpointSpec(10, 3));
        assertThat(s.sourceFile()).isEqualTo(dir.resolve("x.conf"));
    }

    @Test
    void everyFieldIsRead() {
        Scenario s = files.load("""
                name = mnist-csv
                description = "every key set"
                rounds = 7
                seed = 12345678901
                eval-every = 3
                target-accuracy = 0.97
                data {
                  source = csv
                  dir = data
                  scale = standardize
                  blobs { features = 4, classes = 3, train-samples = 60, test-samples = 20, center-std = 2.5, noise-std = 0.5 }
                  synthetic { alpha = 0, beta = 0.5, iid = true }
                  csv { train = train.csv, test = /abs/test.csv, label-column = y, header = true, delimiter = ";",
                        group-column = writer, test-fraction = 0.25 }
                  partition { scheme = natural, alpha = 0.3, min-size = 5, shards-per-client = 4, sigma = 2.0 }
                }
                clients { count = 50, fraction = 0.2, min-per-round = 3, local-epochs = 5, batch-size = 0, learning-rate = 0.05 }
                model { type = mlp, hidden = [64] }
                round { timeout = 1500ms }
                runtime { training-threads = 4, spawn-clients = at-start }
                checkpoint { every = 25, keep = 1 }
                """);

        Path data = Path.of("data").toAbsolutePath();
        assertThat(s.name()).isEqualTo("mnist-csv");
        assertThat(s.description()).isEqualTo("every key set");
        assertThat(s.rounds()).isEqualTo(7);
        assertThat(s.seed()).isEqualTo(12345678901L);
        assertThat(s.evalEvery()).isEqualTo(3);
        assertThat(s.targetAccuracy()).isEqualTo(OptionalDouble.of(0.97));
        assertThat(s.data()).isEqualTo(new DataSpec(Source.CSV, Optional.of(data), Scale.STANDARDIZE,
                new BlobsSpec(4, 3, 60, 20, 2.5, 0.5), new SyntheticSpec(0, 0.5, true),
                new CsvSpec(Optional.of(data.resolve("train.csv")), Optional.of(Path.of("/abs/test.csv")), "y", true,
                        ";", Optional.of("writer"), 0.25),
                new PartitionSpec(Scheme.NATURAL, 0.3, 5, 4, 2.0)));
        assertThat(s.clients()).isEqualTo(new ClientsSpec(50, 0.2, 3, 5, 0, 0.05));
        assertThat(s.model()).isEqualTo(new ModelSpec(ModelSpec.Type.MLP, List.of(64)));
        assertThat(s.round().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.runtime().trainingThreads()).isEqualTo(4);
        assertThat(s.runtime().spawnClients()).isEqualTo(RuntimeSpec.SpawnClients.AT_START);
        assertThat(s.checkpoint()).isEqualTo(new CheckpointSpec(25, 1));
    }

    @Test
    void autoScaleIsUnitForIdx() {
        assertThat(files.load("data { source = idx, dir = mnist }").data().scale()).isEqualTo(Scale.UNIT);
    }

    @Test
    void logregNeedsNoHiddenLayers() {
        assertThat(files.load("model.type = logreg").model()).isEqualTo(new ModelSpec(ModelSpec.Type.LOGREG, List.of()));
    }

    @Test
    void overridesReadNumbersListsDurationsAndUnquotedPaths() {
        Scenario s = files.load("clients.fraction = 0.5", "clients.fraction=0.2", "model.hidden=[100,100]",
                "data.dir=../shared/datasets/mnist", "round.timeout=90s", "description=a run // with a comment",
                "data.source=idx");

        assertThat(s.clients().fraction()).isEqualTo(0.2);
        assertThat(s.model().hidden()).containsExactly(100, 100);
        assertThat(s.data().dir()).contains(Path.of("../shared/datasets/mnist").toAbsolutePath().normalize());
        assertThat(s.round().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.description()).isEqualTo("a run // with a comment");
    }

    @Test
    void theLastOverrideOfAKeyWinsAndSeedIsAnOverride() {
        Scenario s = files.load("seed = 1", "seed=2", "seed=3");

        assertThat(s.seed()).isEqualTo(3);
        assertThat(s.withSeed(9).seed()).isEqualTo(9);
        assertThat(s.withSeed(9).withSeed(3)).isEqualTo(s);
    }

    @Test
    void substitutionsResolveAgainstTheWholeScenario() {
        Scenario s = files.load("clients { count = 20, min-per-round = ${clients.count} }");

        assertThat(s.clients().minPerRound()).isEqualTo(20);
        assertThat(s.clients().clientsPerRound()).isEqualTo(20);
    }

    @Test
    void renderedTextLoadsIntoAnEqualScenario() {
        Scenario original = files.load("""
                rounds = 7
                target-accuracy = 0.9
                data { source = csv, dir = data, csv { train = a.csv, group-column = writer }, partition.scheme = natural }
                clients { fraction = 0.25, batch-size = 0, learning-rate-schedule = exponential, learning-rate-decay = 0.95 }
                model { type = logreg }
                round.timeout = 1500ms
                """, "description=\"quoted \\\"text\\\"\"");

        String text = original.render();
        Scenario reloaded = ScenarioFiles.LOADER.load(files.write("scenario.conf", text), List.of());

        assertThat(reloaded).usingRecursiveComparison().ignoringFields("sourceFile").isEqualTo(original);
        assertThat(reloaded.render()).isEqualTo(text);
        assertThat(text).doesNotContain("#").contains("learning-rate", "training-threads", "name=x")
                .contains("learning-rate-schedule=exponential", "learning-rate-decay=0.95");
    }

    @Test
    void defaultsRenderInAStableKeyOrder() {
        String text = files.load("").render();

        assertThat(text).isEqualTo(files.load("").render());
        assertThat(text.indexOf("clients")).isLessThan(text.indexOf("data"));
        assertThat(text.indexOf("data")).isLessThan(text.indexOf("model"));
    }
}
