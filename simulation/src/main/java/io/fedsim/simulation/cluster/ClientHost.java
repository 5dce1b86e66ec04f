package io.fedsim.simulation.cluster;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import io.fedsim.client.ClientActor;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.cluster.wire.CborSerializable;
import io.fedsim.simulation.run.AkkaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A client node's host: registers with the Receptionist under {@link #KEY}, and when the coordinator
 * assigns it a node index, spawns the {@link ClientActor}s of that index's id range (see {@link Population})
 * on the training dispatcher and announces them. The node builds the scenario's data itself (from its own
 * scenario file, or from the scenario the coordinator sends with the assignment), so the same seed gives the
 * same shards (and the same attackers, faults and compression) as on the coordinator; the fingerprints of
 * both sides' data must agree before it trains anything.
 */
public final class ClientHost extends AbstractBehavior<ClientHost.Command> {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "fedsim-client-host");

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Host the clients of node {@code nodeIndex} of {@code nodeCount}, if this node's data has {@code fingerprint}.
     * {@code scenario} is the coordinator's scenario, rendered: what a node started without one runs.
     */
    public record Host(int nodeIndex, int nodeCount, String fingerprint, String scenario, ActorRef<HostReply> replyTo)
            implements Command {
    }

    /** The run is over: leave the cluster and stop this node. */
    public enum Shutdown implements Command {
        INSTANCE
    }

    /** The cluster removed a member (local only: adapted from the cluster's events). */
    private record MemberGone(ClusterEvent.MemberRemoved removed) implements Command {
    }

    public sealed interface HostReply extends CborSerializable {
    }

    /** The clients {@code firstId, firstId + 1, ...} of node {@code nodeIndex} are ready. */
    public record Hosted(int nodeIndex, int firstId, List<ActorRef<ClientActor.Command>> clients) implements HostReply {
    }

    /** This node cannot host them: {@code reason} says why. */
    public record Refused(int nodeIndex, String reason) implements HostReply {
    }

    /**
     * The clients a node can host once it has its scenario: {@code population} of them in all.
     *
     * @param clientBehavior client {@code id}'s actor, as the scenario defines it (see {@code ClientBehaviors})
     */
    public record Prepared(int population, IntFunction<Behavior<ClientActor.Command>> clientBehavior, String fingerprint) {
    }

    /** Builds the node's {@link Prepared} clients from the coordinator's rendered scenario (which it may ignore). */
    public interface Preparation {
        Prepared prepare(String coordinatorScenario);
    }

    private final Preparation preparation;
    private Prepared prepared;
    private Hosted hosted;

    public static Behavior<Command> create(Preparation preparation) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            // a coordinator that went away without saying so (it crashed, or its Shutdown was lost) ends this node too
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                    context.messageAdapter(ClusterEvent.MemberRemoved.class, MemberGone::new), ClusterEvent.MemberRemoved.class));
            return new ClientHost(context, preparation);
        });
    }

    private ClientHost(ActorContext<Command> context, Preparation preparation) {
        super(context);
        this.preparation = preparation;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Host.class, this::onHost)
                .onMessageEquals(Shutdown.INSTANCE, this::onShutdown)
                .onMessage(MemberGone.class, this::onMemberGone)
                .build();
    }

    private Behavior<Command> onHost(Host host) {
        if (prepared == null) {
            try {
                // blocks this actor while the data loads: it has nothing else to do until it hosts its clients
                prepared = preparation.prepare(host.scenario());
            } catch (RuntimeException e) { // a user error on this node (a data path, an override): the coordinator says it
                String reason = e instanceof FedSimException ? e.getMessage() : e.toString();
                getContext().getLog().error("cannot host clients: {}", reason);
                host.replyTo().tell(new Refused(host.nodeIndex(), reason));
                return this;
            }
        }
        if (!prepared.fingerprint().equals(host.fingerprint())) {
            host.replyTo().tell(new Refused(host.nodeIndex(), "this node's scenario differs from the coordinator's: "
                    + "here " + prepared.fingerprint() + ", there " + host.fingerprint()));
            return this;
        }
        if (hosted != null) { // a repeated assignment (the coordinator restarted its wait): answer the same
            if (hosted.nodeIndex() == host.nodeIndex()) {
                host.replyTo().tell(hosted);
            } else {
                host.replyTo().tell(new Refused(host.nodeIndex(), "already hosting node index " + hosted.nodeIndex()));
            }
            return this;
        }
        int first = Population.first(prepared.population(), host.nodeCount(), host.nodeIndex());
        int end = Population.end(prepared.population(), host.nodeCount(), host.nodeIndex());
        DispatcherSelector training = DispatcherSelector.fromConfig(AkkaSettings.TRAINING_DISPATCHER);
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>(end - first);
        for (int id = first; id < end; id++) {
            clients.add(getContext().spawn(prepared.clientBehavior().apply(id), "client-" + id, training));
        }
        getContext().getLog().info("hosting clients {}..{} (node {} of {})", first, end - 1, host.nodeIndex() + 1, host.nodeCount());
        hosted = new Hosted(host.nodeIndex(), first, List.copyOf(clients));
        host.replyTo().tell(hosted);
        return this;
    }

    private Behavior<Command> onMemberGone(MemberGone gone) {
        if (gone.removed().member().hasRole(ClusterConfig.COORDINATOR_ROLE)) {
            getContext().getLog().warn("the coordinator node {} left the cluster: stopping", gone.removed().member().address());
            CoordinatedShutdown.get(getContext().getSystem()).runAll(CoordinatedShutdown.clusterLeavingReason());
        }
        return this;
    }

    private Behavior<Command> onShutdown() {
        getContext().getLog().info("the coordinator finished the run: leaving the cluster");
        CoordinatedShutdown.get(getContext().getSystem()).runAll(CoordinatedShutdown.clusterLeavingReason());
        return this;
    }
}
