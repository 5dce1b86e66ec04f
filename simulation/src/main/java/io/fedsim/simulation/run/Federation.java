package io.fedsim.simulation.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.fedsim.client.ClientActor;
import io.fedsim.client.ClientFaults;
import io.fedsim.client.TrainingMeter;
import io.fedsim.client.UplinkPipeline;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.CoordinatorSettings;
import io.fedsim.coordinator.Evaluator;
import io.fedsim.coordinator.LazyClients;
import io.fedsim.coordinator.async.AsyncCoordinator;
import io.fedsim.coordinator.async.AsyncSettings;
import io.fedsim.coordinator.RunListener;
import io.fedsim.coordinator.checkpoint.Checkpointing;
import io.fedsim.coordinator.privacy.PrivacyAccounting;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The root of a run's actor system: spawns the {@link Coordinator} (or, with mode = async, the
 * {@link AsyncCoordinator}) and its clients, one {@link ClientActor} per shard on the training dispatcher, starts
 * it, and completes {@code done} when the coordinator finishes (or exceptionally when it fails). The clients are
 * spawned here at start, or (runtime.spawn-clients = on-first-use, synchronous runs) by the coordinator as it
 * first needs each one.
 */
final class Federation {
    private static final DispatcherSelector TRAINING = DispatcherSelector.fromConfig(AkkaSettings.TRAINING_DISPATCHER);

    private Federation() {
    }

    /**
     * @param localTests each client's local test split by id, or empty when there is no federated evaluation
     * @param lazy       spawn each client on first use instead of all at start
     */
    static Behavior<Coordinator.Finished> create(CoordinatorSettings settings, boolean lazy, AttackSetup attacks,
                                                 List<Shard> localTests, Model model,
                                                 float[] initialParams, Strategy strategy, Evaluator evaluator,
                                                 RunListener listener, Optional<PrivacyAccounting> privacy,
                                                 RoundConditions conditions, ClientFaults faults,
                                                 Checkpointing checkpointing, TrainingMeter meter,
                                                 CompletableFuture<Coordinator.Finished> done) {
        return Behaviors.setup(context -> {
            IntFunction<Behavior<ClientActor.Command>> client = clientBehaviors(attacks.shards(), localTests, model,
                    settings.seed(), faults, attacks::pipeline, meter);
            Behavior<Coordinator.Command> behavior = lazy
                    ? Coordinator.create(settings, new LazyClients(attacks.shards().size(), client, TRAINING), initialParams,
                            strategy, evaluator, listener, privacy, conditions, attacks.intake(), checkpointing,
                            context.getSelf())
                    : Coordinator.create(settings, spawnClients(context, attacks.shards().size(), client), initialParams,
                            strategy, evaluator, listener, privacy, conditions, attacks.intake(), checkpointing,
                            context.getSelf());
            ActorRef<Coordinator.Command> coordinator = context.spawn(behavior, "coordinator");
            context.watch(coordinator);
            coordinator.tell(Coordinator.Start.INSTANCE);
            return awaitFinished(done);
        });
    }

    /** The same with an asynchronous FedBuff coordinator, which starts its clients as soon as it is spawned. */
    static Behavior<Coordinator.Finished> createAsync(AsyncSettings settings, List<Shard> shards, Model model,
                                                      float[] initialParams, Evaluator evaluator, RunListener listener,
                                                      ClientFaults faults, TrainingMeter meter,
                                                      CompletableFuture<Coordinator.Finished> done) {
        return Behaviors.setup(context -> {
            List<ActorRef<ClientActor.Command>> clients = spawnClients(context, shards.size(), clientBehaviors(shards,
                    List.of(), model, settings.seed(), faults, id -> UplinkPipeline.PLAIN, meter));
            context.watch(context.spawn(AsyncCoordinator.create(settings, clients, initialParams, evaluator, listener,
                    context.getSelf()), "coordinator"));
            return awaitFinished(done);
        });
    }

    /** Client {@code id}'s behaviour: a function of its id alone, whenever it is spawned. */
    private static IntFunction<Behavior<ClientActor.Command>> clientBehaviors(List<Shard> shards, List<Shard> localTests,
                                                                             Model model, long seed, ClientFaults faults,
                                                                             IntFunction<UplinkPipeline> uplink,
                                                                             TrainingMeter meter) {
        return id -> {
            Shard localTest = localTests.isEmpty() ? new Shard(shards.get(id).data(), new int[0]) : localTests.get(id);
            return ClientActor.create(id, shards.get(id), localTest, model, seed, faults, uplink.apply(id), meter);
        };
    }

    private static List<ActorRef<ClientActor.Command>> spawnClients(ActorContext<?> context, int count,
                                                                    IntFunction<Behavior<ClientActor.Command>> client) {
        List<ActorRef<ClientActor.Command>> clients = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            clients.add(context.spawn(client.apply(id), "client-" + id, TRAINING));
        }
        return clients;
    }

    private static Behavior<Coordinator.Finished> awaitFinished(CompletableFuture<Coordinator.Finished> done) {
        return Behaviors.receive(Coordinator.Finished.class)
                .onMessage(Coordinator.Finished.class, finished -> {
                    done.complete(finished);
                    return Behaviors.stopped();
                })
                .onSignal(ChildFailed.class, failed -> {
                    done.completeExceptionally(failed.cause());
                    return Behaviors.stopped();
                })
                .onSignal(Terminated.class, terminated -> {
                    done.completeExceptionally(new IllegalStateException("the coordinator stopped before the run finished"));
                    return Behaviors.stopped();
                })
                .build();
    }
}
