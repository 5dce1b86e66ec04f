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
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client node: joins the cluster with role {@code clients}, builds the scenario's data (from its own copy of
 * the scenario, or from the one the coordinator sends, with this node's overrides such as {@code data.dir} on
 * top), and serves training requests through a {@link ClientHost} until the coordinator ends the run, the node
 * is downed, or it cannot join within {@code cluster.join-timeout}.
 */
public final class ClientNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClientNode.class);

    private ClientNode() {
    }

    /**
     * Runs the node until it stops; returns why it stopped, or throws when it could not join.
     *
     * @param scenario  this node's scenario file, loaded; empty: run the coordinator's
     * @param overrides with no scenario file: {@code key=value} texts applied on top of the coordinator's scenario
     *                  (paths to this machine's data)
     */
    public static String run(Optional<Scenario> scenario, List<String> overrides, HostPort bind, List<HostPort> seeds,
                             ClusterSettings settings) {
        Nd4jSetup.ensureSingleThreaded();
        ActorSystem<ClientHost.Command> system;
        AtomicReference<RuntimeException> refusal = new AtomicReference<>();
        if (scenario.isPresent()) {
            Scenario s = scenario.get();
            FederatedData data = FederatedData.build(s);
            Model model = Components.model(s.model(), data.train().numFeatures(), data.train().numClasses());
            ClientHost.Prepared prepared = prepared(s, data, model);
            LOG.info("{}: client node on {}, {} ({}), joining {}", s.name(), bind, model.describe(), prepared.fingerprint(), seeds);
            system = ClusterConfig.boot(ClientHost.create(ignored -> prepared), ClusterConfig.forNode(ClusterConfig.CLIENTS_ROLE,
                    bind, seeds, ClusterConfig.maximumFrameSize(model.numParameters()), settings,
                    s.runtime().effectiveTrainingThreads()), bind);
        } else {
            LOG.info("client node on {}, joining {}; it runs the coordinator's scenario{}", bind, seeds,
                    overrides.isEmpty() ? "" : " with " + overrides);
            system = ClusterConfig.boot(ClientHost.create(text -> {
                try {
                    return fromCoordinator(text, overrides, settings);
                } catch (RuntimeException e) {
                    refusal.set(e);
                    throw e;
                }
            }),
                    ClusterConfig.forNode(ClusterConfig.CLIENTS_ROLE, bind, seeds, settings.clientFrameSize(), settings,
                            Runtime.getRuntime().availableProcessors()), bind);
        }
        Done ignored = system.getWhenTerminated().toCompletableFuture().join();
        if (refusal.get() instanceof FedSimException e) { // the coordinator stopped the run for it: the node's exit says so too
            throw e;
        }
        Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(system).getShutdownReason();
        if (reason.isPresent() && reason.get() == CoordinatedShutdown.clusterJoinUnsuccessfulReason()) {
            throw new FedSimException("could not join the cluster through " + seeds + " within " + settings.joinTimeout()
                    .toSeconds() + " s (cluster.join-timeout): is the coordinator node running, and its port open?");
        }
        return reason.map(r -> r.getClass().getSimpleName().replace("$", "")).orElse("terminated");
    }

    private static ClientHost.Prepared prepared(Scenario scenario, FederatedData data, Model model) {
        return new ClientHost.Prepared(data.shards().size(), ClientBehaviors.of(scenario, data, model),
                Population.fingerprint(scenario.seed(), data, model.numParameters()));
    }

    /**
     * The coordinator's scenario with this node's overrides: its problems (a data path missing here) name the
     * overrides or the received text, and a model too large for this node's frames names the setting to raise.
     */
    private static ClientHost.Prepared fromCoordinator(String text, List<String> overrides, ClusterSettings settings) {
        Path file;
        try {
            file = Files.createTempFile("scenario-from-coordinator-", ".conf");
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Scenario scenario = new ScenarioLoader(Components.strategyNames()).load(file, overrides);
            FederatedData data = FederatedData.build(scenario);
            Model model = Components.model(scenario.model(), data.train().numFeatures(), data.train().numClasses());
            int needed = ClusterConfig.maximumFrameSize(model.numParameters());
            if (needed > settings.clientFrameSize()) {
                throw new FedSimException("cluster.client-frame-size: the model's " + model.numParameters() + " parameters "
                        + "need frames of " + needed + " bytes, this node's are " + settings.clientFrameSize() + ": raise it on "
                        + "this node (--set cluster.client-frame-size=" + (needed / (1024 * 1024) + 1) + "MiB), or start "
                        + "the node with --scenario");
            }
            LOG.info("{}: the coordinator's scenario, {} ({} clients)", scenario.name(), model.describe(), data.shards().size());
            return prepared(scenario, data, model);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", file, e.toString());
            }
        }
    }
}
