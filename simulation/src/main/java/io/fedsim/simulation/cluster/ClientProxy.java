package io.fedsim.simulation.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.fedsim.client.ClientActor;
import java.util.Map;

/**
 * Stands in for one client id on the coordinator node: forwards the coordinator's messages to wherever the
 * client lives now. It never stops. While the client's node is unreachable or gone it answers for the client:
 * a training request gets {@link ClientActor.Unreachable} (the client drops out of the round, as a simulated
 * drop-out does) and so does the request it forwarded last, which the dead node will never answer; an
 * evaluation request gets {@link ClientActor.Failed}. When a node comes back and hosts the id again,
 * {@link Rebind} points the proxy at it.
 *
 * <p>{@link ClusterFederation} tells it about its node from the cluster's reachability events and the
 * Receptionist's listing, not through deathwatch: a watch on the clients of a node restarted on a removed
 * node's address was answered with {@code Terminated} within milliseconds (seen in the coordinator's log, the
 * new node still joining), which unbound the proxy again and left the node that came back unheard from.
 *
 * <p>Its protocol is {@link ClientActor.Command} (what the coordinator sends) plus the private messages below:
 * the behaviour takes {@code Object}, and the coordinator sees a narrowed reference.
 */
final class ClientProxy extends AbstractBehavior<Object> {

    /** From now on the client is {@code target}, on a node that is up. */
    record Rebind(ActorRef<ClientActor.Command> target) {
    }

    /** The client's node became unreachable ({@code gone == false}) or left the cluster ({@code gone == true}). */
    record Unavailable(boolean gone) {
    }

    /** The client's node is reachable again. */
    enum Available {
        INSTANCE
    }

    private final int clientId;
    private ActorRef<ClientActor.Command> target;
    private boolean reachable;
    private ClientActor.Train lastForwarded;
    private ClientActor.GetState lastStateRequest;

    static Behavior<Object> create(int clientId) {
        return Behaviors.setup(context -> new ClientProxy(context, clientId));
    }

    private ClientProxy(ActorContext<Object> context, int clientId) {
        super(context);
        this.clientId = clientId;
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(Rebind.class, this::onRebind)
                .onMessage(Unavailable.class, this::onUnavailable)
                .onMessageEquals(Available.INSTANCE, this::onAvailable)
                .onMessage(ClientActor.Train.class, this::onTrain)
                .onMessage(ClientActor.Evaluate.class, this::onEvaluate)
                .onMessage(ClientActor.GetState.class, this::onGetState)
                .onMessage(ClientActor.Command.class, this::forward)
                .build();
    }

    private Behavior<Object> onRebind(Rebind rebind) {
        target = rebind.target();
        reachable = true;
        lastForwarded = null;
        lastStateRequest = null;
        return this;
    }

    private Behavior<Object> onUnavailable(Unavailable unavailable) {
        if (lastForwarded != null && reachable) { // answered already, or never will be: a second answer is ignored
            lastForwarded.replyTo().tell(unreachable(lastForwarded.round()));
        }
        lastForwarded = null;
        reachable = false;
        if (unavailable.gone()) {
            target = null;
            if (lastStateRequest != null) { // the checkpoint waiting for it gets the state a node taking over starts from
                lastStateRequest.replyTo().tell(new ClientActor.StateSnapshot(clientId, Map.of()));
                lastStateRequest = null;
            }
        }
        return this;
    }

    private Behavior<Object> onAvailable() {
        reachable = target != null;
        return this;
    }

    private Behavior<Object> onTrain(ClientActor.Train train) {
        if (!serving()) {
            train.replyTo().tell(unreachable(train.round()));
            return this;
        }
        lastForwarded = train;
        target.tell(train);
        return this;
    }

    private Behavior<Object> onEvaluate(ClientActor.Evaluate evaluate) {
        if (!serving()) {
            evaluate.replyTo().tell(new ClientActor.Failed(clientId, evaluate.round(), reason()));
            return this;
        }
        target.tell(evaluate);
        return this;
    }

    private Behavior<Object> onGetState(ClientActor.GetState get) {
        if (target == null) { // its node is gone, and its state with it: a node that takes over starts the client afresh
            get.replyTo().tell(new ClientActor.StateSnapshot(clientId, Map.of()));
            return this;
        }
        lastStateRequest = get;
        target.tell(get); // unreachable for now, maybe back soon: its state is unknown, and the checkpoint waits for it
        return this;
    }

    private Behavior<Object> forward(ClientActor.Command command) {
        if (target != null) {
            target.tell(command);
        }
        return this;
    }

    private boolean serving() {
        return target != null && reachable;
    }

    private ClientActor.Unreachable unreachable(int round) {
        return new ClientActor.Unreachable(clientId, round, reason());
    }

    private String reason() {
        return target == null ? "its client node left the cluster" : "its client node is unreachable";
    }
}
