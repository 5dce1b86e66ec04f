package io.fedsim.coordinator;

import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import io.fedsim.client.ClientActor;
import java.util.function.IntFunction;

/**
 * A population the coordinator spawns itself, each client as its child on first use (sampled, evaluated or given
 * a checkpoint's state), instead of a list of actors spawned at start. Spawning a million actors takes a minute and
 * a gigabyte; a run that samples a thousand per round needs only those. A client's behaviour depends on its id alone,
 * never on when it was spawned, so the results are the same either way.
 *
 * @param size     the number of clients; a client's id is in [0, size)
 * @param behavior client {@code id}'s behaviour
 * @param props    where it runs (the training dispatcher)
 */
public record LazyClients(int size, IntFunction<Behavior<ClientActor.Command>> behavior, Props props) {
    public LazyClients {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
    }
}
