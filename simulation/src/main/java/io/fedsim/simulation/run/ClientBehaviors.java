package io.fedsim.simulation.run;

import akka.actor.typed.Behavior;
import io.fedsim.client.ClientActor;
import io.fedsim.client.ClientFaults;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.Model;
import io.fedsim.simulation.scenario.Scenario;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Client {@code id}'s behaviour as a scenario defines it, wherever it is spawned (a cluster's client node): the
 * shard it trains on (an attacker's, label-flipped), its local test split, its crash faults and its uplink
 * pipeline (attack and compression), exactly as a single-JVM run's {@link Federation} spawns it.
 */
public final class ClientBehaviors {
    private ClientBehaviors() {
    }

    public static IntFunction<Behavior<ClientActor.Command>> of(Scenario scenario, FederatedData data, Model model) {
        AttackSetup attacks = AttackSetup.of(scenario, data.shards());
        List<Shard> shards = attacks.shards();
        List<Shard> localTests = data.localTests();
        ClientFaults faults = new ClientFaults(scenario.conditions().crashProbability());
        return id -> ClientActor.create(id, shards.get(id),
                localTests.isEmpty() ? new Shard(shards.get(id).data(), new int[0]) : localTests.get(id),
                model, scenario.seed(), faults, attacks.pipeline(id));
    }
}
