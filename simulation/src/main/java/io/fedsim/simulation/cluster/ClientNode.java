package io.fedsim.simulation.cluster;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import io.fedsim.core.FedSimException;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.Nd4jSetup;
import io.fedsim.simulation.run.ClientBehaviors;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.run.FederatedData;
import io.fedsim.simulation.scenario.Scenario;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client node: builds the scenario's data from its own copy of the scenario and data files, joins the
 * cluster with role {@code clients}, and serves training requests through a {@link ClientHost} until the
 * coordinator ends the run, the node is downed, or it cannot join within {@code cluster.join-timeout}.
 */
public final class ClientNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClientNode.class);

    private ClientNode() {
    }

    /** Runs the node until it stops; returns why it stopped, or throws when it could not join. */
    public static String run(Scenario scenario, HostPort bind, List<HostPort> seeds, ClusterSettings settings) {
        Nd4jSetup.ensureSingleThreaded();
        FederatedData data = FederatedData.build(scenario);
        Model model = Components.model(scenario.model(), data.train().numFeatures(), data.train().numClasses());
        String fingerprint = Population.fingerprint(scenario.seed(), data, model.numParameters());
        LOG.info("{}: client node on {}, {} ({}), joining {}", scenario.name(), bind, model.describe(), fingerprint, seeds);
        ActorSystem<ClientHost.Command> system = ClusterConfig.boot(
                ClientHost.create(data.shards().size(), ClientBehaviors.of(scenario, data, model), fingerprint),
                ClusterConfig.forNode(ClusterConfig.CLIENTS_ROLE, bind, seeds, settings, model.numParameters(),
                        scenario.runtime().effectiveTrainingThreads()), bind);
        Done ignored = system.getWhenTerminated().toCompletableFuture().join();
        Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(system).getShutdownReason();
        if (reason.isPresent() && reason.get() == CoordinatedShutdown.clusterJoinUnsuccessfulReason()) {
            throw new FedSimException("could not join the cluster through " + seeds + " within " + settings.joinTimeout()
                    .toSeconds() + " s (cluster.join-timeout): is the coordinator node running, and its port open?");
        }
        return reason.map(r -> r.getClass().getSimpleName().replace("$", "")).orElse("terminated");
    }
}
