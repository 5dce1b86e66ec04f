package io.fedsim.simulation.run;

import io.fedsim.client.UplinkPipeline;
import io.fedsim.client.attack.Attack;
import io.fedsim.client.attack.Attackers;
import io.fedsim.client.attack.LabelFlip;
import io.fedsim.coordinator.UpdateIntake;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.simulation.scenario.AttackSpec;
import io.fedsim.simulation.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's Byzantine clients and uplink: which clients attack (drawn once from (seed, "attackers")), the
 * shard each client trains on (label-flippers read their shard through one flipped view of the dataset),
 * what each client does to its update before sending it, and how the server takes the updates in.
 */
final class AttackSetup {
    private final AttackSpec spec;
    private final int[] attackers;
    private final boolean[] isAttacker;
    private final List<Shard> shards;
    private final UplinkPipeline honest;
    private final UplinkPipeline byzantine;

    private AttackSetup(Scenario scenario, List<Shard> original) {
        this.spec = scenario.attack();
        int population = original.size();
        this.attackers = spec.enabled() ? Attackers.draw(scenario.seed(), population, spec.fraction()) : new int[0];
        this.isAttacker = new boolean[population];
        for (int id : attackers) {
            isAttacker[id] = true;
        }
        this.shards = spec.kind() == Attack.Kind.LABEL_FLIP ? flipAttackers(original) : original;
        this.honest = new UplinkPipeline(Attack.NONE, scenario.compression().compression());
        this.byzantine = new UplinkPipeline(spec.attack(), scenario.compression().compression());
    }

    static AttackSetup of(Scenario scenario, List<Shard> shards) {
        return new AttackSetup(scenario, shards);
    }

    /** The attacking clients' ids, ascending. */
    int[] attackers() {
        return attackers.clone();
    }

    /** The shard client {@code id} trains on. */
    List<Shard> shards() {
        return shards;
    }

    /** What client {@code id} does to its update before and while sending it. */
    UplinkPipeline pipeline(int id) {
        return isAttacker[id] ? byzantine : honest;
    }

    /** How the coordinator decodes and checks updates; colluding little-is-enough attackers act there. */
    UpdateIntake intake() {
        return new UpdateIntake(isAttacker.length, attackers, spec.kind() == Attack.Kind.LITTLE_IS_ENOUGH && attackers.length > 0,
                spec.z());
    }

    /** {@code attackers.csv}: one line per attacking client with its attack; only when some client attacks. */
    void writeAttackers(Path outDir) throws IOException {
        if (attackers.length == 0) {
            return;
        }
        StringBuilder csv = new StringBuilder("client_id,attack\n");
        String kind = spec.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Arrays.stream(attackers).forEach(id -> csv.append(id).append(',').append(kind).append('\n'));
        Files.writeString(outDir.resolve("attackers.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private List<Shard> flipAttackers(List<Shard> original) {
        List<Shard> out = new ArrayList<>(original);
        Dataset flipped = null;
        for (int id : attackers) {
            Shard s = original.get(id);
            if (flipped == null || flipped.size() != s.data().size()) {
                flipped = LabelFlip.flipped(s.data());
            }
            out.set(id, LabelFlip.of(s, flipped));
        }
        return out;
    }
}
