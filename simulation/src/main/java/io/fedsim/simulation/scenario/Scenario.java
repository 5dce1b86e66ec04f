package io.fedsim.simulation.scenario;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One fully resolved, validated scenario: everything a run needs, and (with {@link #render()}) everything
 * needed to repeat it.
 *
 * @param name names the run's output folder
 * @param evalEvery evaluate the global model every this many rounds, and always after the last
 * @param targetAccuracy stop early once test accuracy reaches this
 * @param eval federated evaluation on the clients' local test splits
 * @param conditions simulated devices, deadlines, availability and faults (issue 6)
 * @param sourceFile the file it was loaded from, as given
 */
public record Scenario(
        String name,
        String description,
        int rounds,
        long seed,
        int evalEvery,
        OptionalDouble targetAccuracy,
        EvalSpec eval,
        DataSpec data,
        ClientsSpec clients,
        ModelSpec model,
        StrategySpec strategy,
        PrivacySpec privacy,
        RoundSpec round,
        RuntimeSpec runtime,
        ConditionsSpec conditions,
        AttackSpec attack,
        CompressionSpec compression,
        CheckpointSpec checkpoint,
        Path sourceFile) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(targetAccuracy, "targetAccuracy");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(sourceFile, "sourceFile");
        headerChecks(name, rounds, evalEvery, targetAccuracy).done();
    }

    /** The checks on the top-level keys, apart so the loader can run them when a section failed. */
    static Checks headerChecks(String name, int rounds, int evalEvery, OptionalDouble targetAccuracy) {
        double target = targetAccuracy.orElse(1);
        return new Checks()
                .require(isFolderName(name), "name", "must be usable as a folder name (not empty, "
                        + "no / \\ : * ? \" < > | and not starting with '.'), was " + Checks.quote(name))
                .atLeast("rounds", rounds, 1)
                .atLeast("eval-every", evalEvery, 1)
                .require(target > 0 && target <= 1, "target-accuracy", "must be in (0, 1], was " + Checks.show(target));
    }

    /** The same scenario with another seed: what the CLI's {@code --seed N} does. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, rounds, newSeed, evalEvery, targetAccuracy, eval, data, clients, model,
                strategy, privacy, round, runtime, conditions, attack, compression, checkpoint, sourceFile);
    }

    /**
     * This scenario as HOCON with every key present and keys in a fixed order; loading that text again
     * gives an equal scenario (apart from {@link #sourceFile()}). Written to each run's scenario.conf.
     */
    public String render() {
        return ScenarioRenderer.render(this);
    }

    private static boolean isFolderName(String name) {
        return !name.isBlank() && !name.startsWith(".")
                && name.chars().noneMatch(c -> c < 32 || "/\\:*?\"<>|".indexOf(c) >= 0);
    }
}
