package io.fedsim.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Test helper: writes scenario text to a file and loads it, or returns the error message. */
final class ScenarioFiles {
    static final ScenarioLoader LOADER = new ScenarioLoader(Set.of("fedavg"));

    private final Path dir;

    ScenarioFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Scenario load(String text, String... overrides) {
        return LOADER.load(write("x.conf", text), List.of(overrides));
    }

    /** The message of the ScenarioException the text (and overrides) must produce. */
    String error(String text, String... overrides) {
        Path file = write("x.conf", text);
        String[] message = new String[1];
        assertThatThrownBy(() -> LOADER.load(file, List.of(overrides)))
                .isInstanceOfSatisfying(ScenarioException.class, e -> message[0] = e.getMessage());
        return message[0];
    }

    /** The location prefix of line n of the test file. */
    String line(int n) {
        return dir.resolve("x.conf") + ":" + n + ": ";
    }
}
