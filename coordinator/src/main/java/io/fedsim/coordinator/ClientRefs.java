package io.fedsim.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.fedsim.client.ClientActor;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's clients by id: actors given at start, or spawned as the coordinator's children on first use
 * ({@link LazyClients}). Only the coordinator touches it, from its own actor, so spawning needs no lock.
 */
final class ClientRefs {
    private final ActorRef<ClientActor.Command>[] refs;
    private final LazyClients lazy;
    private final ActorContext<?> context;
    private int spawned;

    @SuppressWarnings("unchecked")
    private ClientRefs(int size, LazyClients lazy, ActorContext<?> context) {
        this.refs = new ActorRef[size];
        this.lazy = lazy;
        this.context = context;
    }

    /** Clients that are all there already; a client's id is its index. */
    static ClientRefs given(List<ActorRef<ClientActor.Command>> clients) {
        ClientRefs r = new ClientRefs(clients.size(), null, null);
        for (int id = 0; id < clients.size(); id++) {
            r.refs[id] = clients.get(id);
        }
        r.spawned = clients.size();
        return r;
    }

    /** Clients spawned by {@code context}'s actor when first asked for. */
    static ClientRefs lazy(LazyClients clients, ActorContext<?> context) {
        return new ClientRefs(clients.size(), clients, context);
    }

    int size() {
        return refs.length;
    }

    /** Client {@code id}'s actor, spawned now if this is its first use. */
    ActorRef<ClientActor.Command> get(int id) {
        if (refs[id] == null) {
            refs[id] = context.spawn(lazy.behavior().apply(id), "client-" + id, lazy.props());
            spawned++;
        }
        return refs[id];
    }

    /**
     * The clients that exist, in id order: all of them when given, those used so far when lazy. A client never
     * spawned has never trained, so it holds no state a checkpoint would need.
     */
    List<ActorRef<ClientActor.Command>> existing() {
        List<ActorRef<ClientActor.Command>> out = new ArrayList<>(spawned);
        for (ActorRef<ClientActor.Command> ref : refs) {
            if (ref != null) {
                out.add(ref);
            }
        }
        return out;
    }
}
