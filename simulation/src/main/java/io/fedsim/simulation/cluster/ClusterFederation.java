package io.fedsim.simulation.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import io.fedsim.client.ClientActor;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.run.DistributedRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The root of the coordinator node: one {@link ClientProxy} per client id, then it waits (through the
 * Receptionist) for {@code min-client-nodes} {@link ClientHost}s, gives each a node index in the order of
 * their addresses, points the proxies at the clients they spawn, and starts the same {@link Coordinator} as
 * a single-JVM run. While the run goes on, a host whose node is removed (downed) leaves its index vacant: its
 * clients drop out of their rounds (their proxies answer for them) until the next host to appear takes the
 * vacant index over.
 */
final class ClusterFederation extends AbstractBehavior<Object> {

    private enum JoinTimeout {
        INSTANCE
    }

    private final int population;
    private final int minNodes;
    private final Duration joinTimeout;
    private final String fingerprint;
    private final String scenarioText;
    private final DistributedRun.CoordinatorFactory factory;
    private final CompletableFuture<Coordinator.Finished> done;
    private final List<ActorRef<Object>> proxies = new ArrayList<>();
    private final Map<Integer, ActorRef<ClientHost.Command>> assigned = new TreeMap<>();
    private final Set<Integer> awaiting = new HashSet<>();
    private final Set<ActorRef<ClientHost.Command>> everSeen = new HashSet<>();
    private int nodeCount;
    private ActorRef<Coordinator.Command> coordinator;

    static Behavior<Object> create(int population, ClusterSettings settings, String fingerprint, String scenarioText,
                                   DistributedRun.CoordinatorFactory factory, CompletableFuture<Coordinator.Finished> done) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new ClusterFederation(context, timers, population, settings, fingerprint, scenarioText, factory, done)));
    }

    private ClusterFederation(ActorContext<Object> context, TimerScheduler<Object> timers, int population,
                              ClusterSettings settings, String fingerprint, String scenarioText,
                              DistributedRun.CoordinatorFactory factory, CompletableFuture<Coordinator.Finished> done) {
        super(context);
        this.population = population;
        this.minNodes = settings.minClientNodes();
        this.joinTimeout = settings.joinTimeout();
        this.fingerprint = fingerprint;
        this.scenarioText = scenarioText;
        this.factory = factory;
        this.done = done;
        for (int id = 0; id < population; id++) {
            proxies.add(context.spawn(ClientProxy.create(id), "client-" + id));
        }
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                context.getSelf().<ClusterEvent.ReachabilityEvent>narrow(), ClusterEvent.ReachabilityEvent.class));
        timers.startSingleTimer(JoinTimeout.INSTANCE, joinTimeout);
        context.getSystem().receptionist().tell(Receptionist.subscribe(ClientHost.KEY, context.getSelf().narrow()));
        context.getLog().info("waiting up to {} s for {} client node(s) (cluster.min-client-nodes)",
                joinTimeout.toSeconds(), minNodes);
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(Receptionist.Listing.class, this::onListing)
                .onMessage(ClusterEvent.UnreachableMember.class, u -> reachability(u.member().address(), false))
                .onMessage(ClusterEvent.ReachableMember.class, r -> reachability(r.member().address(), true))
                .onMessage(ClientHost.Hosted.class, this::onHosted)
                .onMessage(ClientHost.Refused.class, this::onRefused)
                .onMessageEquals(JoinTimeout.INSTANCE, this::onJoinTimeout)
                .onMessage(Coordinator.Finished.class, this::onFinished)
                .onSignal(ChildFailed.class, failed -> fail(failed.cause()))
                .onSignal(Terminated.class, t -> fail(new IllegalStateException("the coordinator stopped before the run finished")))
                .build();
    }

    private Behavior<Object> onListing(Receptionist.Listing listing) {
        // every registered host, reachable or not: a node leaves the listing when it is removed (downed)
        Set<ActorRef<ClientHost.Command>> hosts = listing.getAllServiceInstances(ClientHost.KEY);
        everSeen.addAll(hosts);
        if (nodeCount == 0) {
            if (hosts.size() < minNodes) {
                getContext().getLog().info("{} of {} client node(s) joined", hosts.size(), minNodes);
                return this;
            }
            List<ActorRef<ClientHost.Command>> sorted = new ArrayList<>(hosts);
            sorted.sort(Comparator.comparing(h -> addressKey(h.path().address())));
            nodeCount = sorted.size();
            for (int i = 0; i < nodeCount; i++) {
                assign(i, sorted.get(i));
            }
            return this;
        }
        assigned.entrySet().removeIf(e -> {
            if (!hosts.contains(e.getValue())) {
                getContext().getLog().warn("client node {} (index {}) left the cluster: clients {}..{} drop out of their rounds "
                        + "until a node takes them over", e.getValue().path().address(), e.getKey(),
                        Population.first(population, nodeCount, e.getKey()), Population.end(population, nodeCount, e.getKey()) - 1);
                awaiting.remove(e.getKey());
                tellProxies(e.getKey(), ClientProxy.Gone.INSTANCE);
                return true;
            }
            return false;
        });
        List<ActorRef<ClientHost.Command>> spare = hosts.stream().filter(h -> !assigned.containsValue(h))
                .sorted(Comparator.comparing(h -> addressKey(h.path().address()))).toList();
        int next = 0;
        for (int index = 0; index < nodeCount && next < spare.size(); index++) {
            if (!assigned.containsKey(index)) {
                getContext().getLog().info("client node {} takes over index {}", spare.get(next).path().address(), index);
                assign(index, spare.get(next++));
            }
        }
        return this;
    }

    /** Only said: the proxies go on forwarding until the split-brain resolver downs the node (or it is back). */
    private Behavior<Object> reachability(Address address, boolean reachable) {
        assigned.forEach((index, host) -> {
            if (host.path().address().equals(address)) {
                if (reachable) {
                    getContext().getLog().info("client node {} (index {}) is reachable again", address, index);
                } else {
                    getContext().getLog().warn("client node {} (index {}) is unreachable: unless it is back within "
                            + "cluster.stable-after, the split-brain resolver downs it and its clients drop out", address, index);
                }
            }
        });
        return this;
    }

    private void tellProxies(int index, Object message) {
        for (int id = Population.first(population, nodeCount, index); id < Population.end(population, nodeCount, index); id++) {
            proxies.get(id).tell(message);
        }
    }

    private void assign(int index, ActorRef<ClientHost.Command> host) {
        assigned.put(index, host);
        awaiting.add(index);
        host.tell(new ClientHost.Host(index, nodeCount, fingerprint, scenarioText, getContext().getSelf().narrow()));
    }

    private Behavior<Object> onHosted(ClientHost.Hosted hosted) {
        if (!awaiting.remove(hosted.nodeIndex())) {
            return this;
        }
        for (int k = 0; k < hosted.clients().size(); k++) {
            proxies.get(hosted.firstId() + k).tell(new ClientProxy.Rebind(hosted.clients().get(k)));
        }
        getContext().getLog().info("node index {} hosts clients {}..{}", hosted.nodeIndex(), hosted.firstId(),
                hosted.firstId() + hosted.clients().size() - 1);
        if (coordinator == null && awaiting.isEmpty()) {
            List<ActorRef<ClientActor.Command>> clients = proxies.stream().map(p -> p.<ClientActor.Command>narrow()).toList();
            coordinator = getContext().spawn(factory.create(clients, getContext().getSelf().narrow()), "coordinator");
            getContext().watch(coordinator);
            getContext().getLog().info("{} client node(s) host {} clients: starting round 1", nodeCount, population);
            coordinator.tell(Coordinator.Start.INSTANCE);
        }
        return this;
    }

    private Behavior<Object> onRefused(ClientHost.Refused refused) {
        if (coordinator != null) {
            getContext().getLog().error("node index {} refused its clients: {}", refused.nodeIndex(), refused.reason());
            return this;
        }
        return fail(new FedSimException("client node " + refused.nodeIndex() + " refused its clients: " + refused.reason()));
    }

    private Behavior<Object> onJoinTimeout() {
        if (coordinator != null) {
            return this;
        }
        String joined = everSeen.isEmpty() ? "none joined" : everSeen.size() + " joined ("
                + everSeen.stream().map(h -> h.path().address().toString()).sorted().toList() + ")";
        return fail(new FedSimException("waited " + joinTimeout.toSeconds() + " s (cluster.join-timeout) for "
                + minNodes + " client node(s) (cluster.min-client-nodes): " + joined + ". Start each client node with "
                + "'fedsim node --role clients --seed-nodes <this node's HOST:PORT>', and check that every node's port "
                + "is open between the machines."));
    }

    private Behavior<Object> onFinished(Coordinator.Finished finished) {
        assigned.values().forEach(h -> h.tell(ClientHost.Shutdown.INSTANCE));
        done.complete(finished);
        return Behaviors.stopped();
    }

    private Behavior<Object> fail(Throwable cause) {
        everSeen.forEach(h -> h.tell(ClientHost.Shutdown.INSTANCE));
        done.completeExceptionally(cause);
        return Behaviors.stopped();
    }

    /** Sort key of a node: host, then port as a number. */
    private static String addressKey(Address a) {
        return a.host().getOrElse(() -> "") + ":" + String.format("%05d", (Integer) a.port().getOrElse(() -> 0));
    }
}
