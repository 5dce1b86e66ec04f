package io.fedsim.simulation.scenario;

import io.fedsim.core.FedSimException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything wrong with one scenario, one problem per line, so a user fixes a file in one pass instead
 * of one error per run.
 */
public final class ScenarioException extends FedSimException {
    private static final long serialVersionUID = 1L;

    /** Problems are plain values; the list is kept for tests and tools that want them one by one. */
    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One thing wrong: where (file:line, {@code --set k=v}, or empty for a record built in code), the full
     * key path (empty when the problem is not about one key) and what was wrong and expected.
     */
    public record Problem(String location, String path, String detail) {
        public Problem {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(detail, "detail");
        }

        /** A problem with a key, not yet tied to a place in a file. */
        public static Problem at(String path, String detail) {
            return new Problem("", path, detail);
        }

        public Problem locatedAt(String where) {
            return new Problem(where, path, detail);
        }

        @Override
        public String toString() {
            String head = location.isEmpty() ? "" : location + ": ";
            return head + (path.isEmpty() ? "" : path + ": ") + detail;
        }
    }
}
