package io.fedsim.simulation.cluster;

import akka.actor.typed.ActorSystem;
import akka.serialization.SerializationExtension;
import io.fedsim.client.ClientActor;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import io.fedsim.coordinator.evaluation.ClientEvaluation;
import io.fedsim.core.FedSimException;
import io.fedsim.core.model.Model;
import io.fedsim.simulation.cluster.wire.ParameterSerializer;
import io.fedsim.simulation.cluster.wire.WireCounters;
import io.fedsim.simulation.run.DistributedRun;
import io.fedsim.simulation.run.FederatedData;
import io.fedsim.simulation.run.RunFuture;
import akka.cluster.typed.Cluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator node of a cluster run: boots a cluster member with role {@code coordinator} on {@code bind},
 * runs {@link ClusterFederation} in it, and adds to each round {@code clients_dropped} (clients whose node was
 * unreachable, plus any simulated drop-outs) and the bytes of parameters that actually crossed
 * the wire: {@code wire_bytes_down} (the global model, serialised here for each sampled client) and
 * {@code wire_bytes_up} (the updates read here), counted since the previous round was recorded.
 */
public final class CoordinatorNode implements DistributedRun {
    /** clients_dropped is there already when the scenario simulates conditions; else this adds it. */
    public static final List<String> METRIC_COLUMNS = List.of("clients_dropped", "wire_bytes_down", "wire_bytes_up");

    /** How long the coordinator node lets its client nodes leave at the end of a run. */
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long the coordinator node waits for its actor system to stop after a run before it goes on to write the
     * results. Akka 2.6's Artery can fail to ever finish stopping after a TLS handshake failed (akka/akka-core#29162:
     * a node with an untrusted certificate tried to join): the run is over by then, so its results must not wait.
     */
    private static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorNode.class);

    private final HostPort bind;
    private final List<HostPort> seeds;
    private final ClusterSettings settings;
    private final int trainingThreads;
    private final long seed;
    private final String scenarioText;
    private volatile WireCounters counters;

    /**
     * @param seed         the scenario's seed, part of the fingerprint the client nodes check
     * @param scenarioText the scenario, rendered: client nodes started without one run it
     */
    public CoordinatorNode(HostPort bind, List<HostPort> seeds, ClusterSettings settings, int trainingThreads, long seed,
                           String scenarioText) {
        this.seed = seed;
        this.scenarioText = scenarioText;
        this.bind = bind;
        this.seeds = seeds;
        this.settings = settings;
        this.trainingThreads = trainingThreads;
    }

    @Override
    public List<String> metricColumns() {
        return METRIC_COLUMNS;
    }

    @Override
    public RunListener decorate(RunListener listener) {
        long[] last = new long[2];
        return new RunListener() {
            @Override
            public void onRound(RoundRecord record) {
                WireCounters c = counters;
                long down = c == null ? 0 : c.trainSent();
                long up = c == null ? 0 : c.replyReceived();
                Map<String, Double> bytes = new LinkedHashMap<>();
                // the coordinator reports drop-outs only when there are some, or the scenario simulates them
                bytes.put("clients_dropped", record.extra().getOrDefault("clients_dropped", 0.0));
                bytes.put("wire_bytes_down", (double) (down - last[0]));
                bytes.put("wire_bytes_up", (double) (up - last[1]));
                last[0] = down;
                last[1] = up;
                listener.onRound(record.withExtra(bytes));
            }

            @Override
            public void onClientEvaluations(int round, List<ClientEvaluation> evaluations) {
                listener.onClientEvaluations(round, evaluations);
            }
        };
    }

    /**
     * Lets the client nodes, told to stop, leave while this node (the leader) can still move them out of the
     * cluster: otherwise each would wait for a leader that is gone before it stops.
     */
    private static void awaitClientNodesLeft(ActorSystem<?> system, Duration max) {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            var state = cluster.state();
            boolean alone = StreamSupport.stream(state.getMembers().spliterator(), false)
                    .noneMatch(m -> !m.equals(cluster.selfMember()) && !state.getUnreachable().contains(m));
            if (alone) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the node's actor system, waiting for it at most {@code max}. */
    static void terminate(ActorSystem<?> system, Duration max) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the coordinator node's actor system did not stop within {} s of the run's end; writing the "
                    + "results without waiting for it", max.toMillis() / 1000.0);
        } catch (ExecutionException e) {
            LOG.warn("the coordinator node's actor system failed while stopping: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The counters of the node's own {@link ParameterSerializer}, the instance its Artery streams use. */
    static WireCounters counters(ActorSystem<?> system) {
        try {
            return ((ParameterSerializer) SerializationExtension.get(system).serializerFor(ClientActor.Train.class)).counters();
        } catch (java.io.NotSerializableException e) {
            throw new IllegalStateException("the parameter serializer is not bound to ClientActor.Train", e);
        }
    }

    @Override
    public Coordinator.Finished federate(FederatedData data, Model model, CoordinatorFactory factory) {
        Objects.requireNonNull(factory, "factory");
        String fingerprint = Population.fingerprint(seed, data, model.numParameters());
        CompletableFuture<Coordinator.Finished> done = new CompletableFuture<>();
        ActorSystem<Object> system = ClusterConfig.boot(
                ClusterFederation.create(data.shards().size(), settings, fingerprint, scenarioText, factory, done),
                ClusterConfig.forNode(ClusterConfig.COORDINATOR_ROLE, bind, seeds,
                        ClusterConfig.maximumFrameSize(model.numParameters()), settings, trainingThreads), bind);
        counters = counters(system);
        // a coordinator node that is downed (or stops for any reason) before the end fails the run instead of hanging
        system.getWhenTerminated().thenRun(() -> done.completeExceptionally(new FedSimException(
                "the coordinator node stopped before the run finished (see the log above: downed by the split-brain "
                        + "resolver, or its actor system failed)")));
        try {
            return RunFuture.await(done);
        } finally {
            awaitClientNodesLeft(system, LEAVE_TIMEOUT);
            terminate(system, TERMINATE_TIMEOUT);
        }
    }
}
