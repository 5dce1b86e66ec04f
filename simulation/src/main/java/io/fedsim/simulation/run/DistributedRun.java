package io.fedsim.simulation.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import io.fedsim.client.ClientActor;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.RunListener;
import io.fedsim.core.model.Model;
import java.util.List;

/**
 * Where the federation's actors run when it is not one JVM: {@link Simulation} builds the data, model,
 * strategy and outputs as always, and hands this the coordinator to start once the population's client
 * references exist (a cluster's coordinator node gathers them from its client nodes).
 */
public interface DistributedRun {

    /** Builds the run's coordinator for the population {@code clients} (id = index), reporting to {@code replyTo}. */
    interface CoordinatorFactory {
        Behavior<Coordinator.Command> create(List<ActorRef<ClientActor.Command>> clients, ActorRef<Coordinator.Finished> replyTo);
    }

    /** Columns this mode adds to metrics.csv, after the strategy's (one the scenario has already stays where it is). */
    List<String> metricColumns();

    /** The run's listener, with this mode's figures added to each round's {@code extra}. */
    RunListener decorate(RunListener listener);

    /** Runs the federation of {@code data}'s clients (one per shard) to its end. */
    Coordinator.Finished federate(FederatedData data, Model model, CoordinatorFactory coordinator);
}
