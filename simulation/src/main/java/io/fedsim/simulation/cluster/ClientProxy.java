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
 * client lives now. It never stops. Once the client's node has left the cluster (the split-brain resolver
 * downed it) it answers for the client: a training request gets {@link ClientActor.Unreachable} (the client
 * drops out of the round, as a simulated drop-out does), an evaluation request {@link ClientActor.Failed}, a
 * state request the empty state a node taking over starts the client with; so do the requests it forwarded
 * last, which the dead node will never answer. When a node comes back and hosts the id again, {@link Rebind}
 * points the proxy at it.
 *
 * <p>While the node is only unreachable the proxy goes on forwarding: a node that is back within
 * {@code cluster.stable-after} (a pause, a network blip) is never downed, answers late, and changes nothing.
 *
 * <p>{@link ClusterFederation} tells it about its node from the Receptionist's listing, not through deathwatch:
 * a watch on the clients of a node restarted on a removed node's address was answered with {@code Terminated}
 * within milliseconds (seen in the coordinator's log, the new node still joining), which unbound the proxy
 * again and left the node that came back unheard from.
 *
 * <p>Its protocol is {@link ClientActor.Command} (what the coordinator sends) plus {@link Rebind} and
 * {@link Gone}: the behaviour takes {@code Object}, and the coordinator sees a narrowed reference.
 */
final class ClientProxy extends AbstractBehavior<Object> {

    /** From now on the client is {@code target}. */
    record Rebind(ActorRef<ClientActor.Command> target) {
    }

    /** The client's node left the cluster. */
    enum Gone {
        INSTANCE
    }

    private static final String REASON = "its client node left the cluster";

    private final int clientId;
    private ActorRef<ClientActor.Command> target;
    // the last requests forwarded: a node that dies never answers them, so the proxy does once it is gone
    private ClientActor.Train lastTrain;
    private ClientActor.Evaluate lastEvaluate;
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
                .onMessageEquals(Gone.INSTANCE, this::onGone)
                .onMessage(ClientActor.Train.class, this::onTrain)
                .onMessage(ClientActor.Evaluate.class, this::onEvaluate)
                .onMessage(ClientActor.GetState.class, this::onGetState)
                .onMessage(ClientActor.Command.class, this::forward)
                .build();
    }

    private Behavior<Object> onRebind(Rebind rebind) {
        target = rebind.target();
        forget();
        return this;
    }

    /** Answers what the dead node never will; an answer that came first wins, and this one is ignored. */
    private Behavior<Object> onGone() {
        target = null;
        if (lastTrain != null) {
            onTrain(lastTrain);
        }
        if (lastEvaluate != null) {
            onEvaluate(lastEvaluate);
        }
        if (lastStateRequest != null) {
            onGetState(lastStateRequest);
        }
        forget();
        return this;
    }

    private Behavior<Object> onTrain(ClientActor.Train train) {
        if (target == null) {
            train.replyTo().tell(new ClientActor.Unreachable(clientId, train.round(), REASON));
        } else {
            lastTrain = train;
            target.tell(train);
        }
        return this;
    }

    private Behavior<Object> onEvaluate(ClientActor.Evaluate evaluate) {
        if (target == null) {
            evaluate.replyTo().tell(new ClientActor.Failed(clientId, evaluate.round(), REASON));
        } else {
            lastEvaluate = evaluate;
            target.tell(evaluate);
        }
        return this;
    }

    private Behavior<Object> onGetState(ClientActor.GetState get) {
        if (target == null) { // its state went with its node: a node that takes over starts the client afresh
            get.replyTo().tell(new ClientActor.StateSnapshot(clientId, Map.of()));
        } else {
            lastStateRequest = get;
            target.tell(get);
        }
        return this;
    }

    private Behavior<Object> forward(ClientActor.Command command) {
        if (target != null) {
            target.tell(command);
        }
        return this;
    }

    private void forget() {
        lastTrain = null;
        lastEvaluate = null;
        lastStateRequest = null;
    }
}
