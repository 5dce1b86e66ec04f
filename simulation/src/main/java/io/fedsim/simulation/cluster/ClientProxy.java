package io.fedsim.simulation.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.fedsim.client.ClientActor;

/**
 * Stands in for one client id on the coordinator node: forwards the coordinator's messages to wherever the
 * client lives now. It never stops, so a client whose node died (or has not been taken over yet) is one whose
 * requests go nowhere: it misses the round deadline and counts as dropped, and the run goes on. When a node
 * comes back and hosts the id again, {@link Rebind} points the proxy at it.
 *
 * <p>Its protocol is {@link ClientActor.Command} (what the coordinator sends) plus the private {@link Rebind}
 * and {@link Lost}: the behaviour takes {@code Object}, and the coordinator sees a narrowed reference.
 */
final class ClientProxy {

    /** From now on the client is {@code target}. */
    record Rebind(ActorRef<ClientActor.Command> target) {
    }

    private record Lost(ActorRef<ClientActor.Command> target) {
    }

    private ClientProxy() {
    }

    static Behavior<Object> create() {
        return unbound();
    }

    private static Behavior<Object> unbound() {
        return Behaviors.receive(Object.class)
                .onMessage(Rebind.class, ClientProxy::bind)
                .onAnyMessage(message -> Behaviors.same()) // nobody to train: the round's deadline records the miss
                .build();
    }

    private static Behavior<Object> bind(Rebind rebind) {
        return Behaviors.setup(context -> {
            context.watchWith(rebind.target(), new Lost(rebind.target()));
            return bound(rebind.target());
        });
    }

    private static Behavior<Object> bound(ActorRef<ClientActor.Command> target) {
        return Behaviors.receive(Object.class)
                .onMessage(Rebind.class, rebind -> rebind.target().equals(target) ? Behaviors.same() : bind(rebind))
                .onMessage(Lost.class, lost -> lost.target().equals(target) ? unbound() : Behaviors.same())
                .onMessage(ClientActor.Command.class, command -> {
                    target.tell(command);
                    return Behaviors.same();
                })
                .build();
    }
}
