package io.fedsim.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How compare labels runs: by the keys that differ, by name when too many differ, by folder otherwise. */
class CompareLabelsTest {
    @TempDir
    Path dir;

    private ScenarioDigest digest(String name, String extra) throws Exception {
        Path run = dir.resolve(name + "-" + Math.abs(extra.hashCode()));
        ReportFixtures.write(run, "scenario.conf", ReportFixtures.SCENARIO.replace("name = fixture", "name = " + name)
                + extra);
        return ScenarioDigest.read(run);
    }

    private static List<String> labels(List<ScenarioDigest> digests) {
        List<Path> dirs = List.of(Path.of("runs/first"), Path.of("runs/second"));
        return CompareReport.labels(dirs, digests, CompareReport.differingKeys(digests));
    }

    @Test
    void runsDifferingInAFewKeysAreLabelledByThem() throws Exception {
        List<ScenarioDigest> digests = List.of(digest("a", "strategy.name = fedprox\nseed = 1"),
                digest("b", "strategy.name = fedavg\nseed = 2"));

        assertThat(CompareReport.differingKeys(digests)).containsExactly("seed", "strategy.name");
        // "name" alone would be mistaken for the scenario's name, so that key stays whole
        assertThat(labels(digests)).containsExactly("seed=1, strategy.name=fedprox", "seed=2, strategy.name=fedavg");
    }

    @Test
    void runsDifferingInManyKeysAreLabelledByName() throws Exception {
        List<ScenarioDigest> digests = List.of(digest("a", "seed = 1\nrounds = 2\nclients.count = 8\nmodel.type = mlp"),
                digest("b", "seed = 2"));

        assertThat(labels(digests)).containsExactly("a", "b");
    }

    @Test
    void identicalRunsWithTheSameNameAreLabelledByFolder() throws Exception {
        List<ScenarioDigest> digests = List.of(digest("a", ""), digest("a", ""));

        assertThat(labels(digests)).containsExactly("first", "second");
    }
}
