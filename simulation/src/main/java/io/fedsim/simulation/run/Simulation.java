package io.fedsim.simulation.run;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import io.fedsim.client.ClientFaults;
import io.fedsim.client.TrainingMeter;
import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.Coordinator;
import io.fedsim.coordinator.CoordinatorSettings;
import io.fedsim.coordinator.Evaluator;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import io.fedsim.coordinator.UpdateIntake;
import io.fedsim.coordinator.checkpoint.CheckpointFile;
import io.fedsim.coordinator.checkpoint.Checkpointing;
import io.fedsim.coordinator.checkpoint.StopRequest;
import io.fedsim.coordinator.evaluation.ClientEvaluation;
import io.fedsim.coordinator.evaluation.FairnessKernels;
import io.fedsim.coordinator.evaluation.FederatedEvaluation;
import io.fedsim.coordinator.async.AsyncSettings;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.time.RoundConditions;
import io.fedsim.coordinator.strategy.Aggregators;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.Nd4jSetup;
import io.fedsim.core.model.ParameterFile;
import io.fedsim.core.rng.Rng;
import io.fedsim.simulation.output.ClientsWriter;
import io.fedsim.simulation.output.MetricsHistory;
import io.fedsim.simulation.output.MetricsWriter;
import io.fedsim.simulation.output.PartitionWriter;
import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.report.RunReport;
import io.fedsim.simulation.scenario.ConditionsSpec;
import io.fedsim.simulation.scenario.RuntimeSpec;
import io.fedsim.simulation.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario end to end: builds its data and model, boots an actor system with one client actor
 * per shard and a coordinator, waits for the run to finish, and leaves its results in {@code outDir}:
 * {@code scenario.conf}, {@code partition.csv}, {@code metrics.csv}, {@code metrics.jsonl}, {@code summary.json},
 * {@code model-final.bin}, {@code clients.csv} with federated evaluation, and {@code report.html} with
 * {@code charts/}. Metrics are written as rounds finish, so a run that dies keeps what it did.
 */
public final class Simulation {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private Simulation() {
    }

    public static RunSummary run(Scenario scenario, Path outDir, RunListener progress) throws IOException {
        return run(scenario, outDir, progress, new StopRequest());
    }

    /** @param stop asks the run to stop gracefully, with a checkpoint, at the end of the current round */
    public static RunSummary run(Scenario scenario, Path outDir, RunListener progress, StopRequest stop) throws IOException {
        return execute(scenario, outDir, progress, stop, Optional.empty(), TrainingMeter.NONE, Optional.empty());
    }

    /**
     * @param stop        asks the run to stop gracefully, with a checkpoint, at the end of the current round
     * @param distributed where the actors run when not in this JVM alone (a cluster's coordinator node)
     */
    public static RunSummary run(Scenario scenario, Path outDir, RunListener progress, StopRequest stop,
                                 Optional<DistributedRun> distributed) throws IOException {
        return execute(scenario, outDir, progress, stop, Optional.empty(), TrainingMeter.NONE, distributed);
    }

    /** The same, with every local training's wall time added to {@code meter} (see {@code fedsim bench}). */
    public static RunSummary run(Scenario scenario, Path outDir, RunListener progress, TrainingMeter meter)
            throws IOException {
        return execute(scenario, outDir, progress, new StopRequest(), Optional.empty(), meter, Optional.empty());
    }

    /**
     * Continues a stopped run in its own folder from its checkpoint: the metrics files are cut back to the
     * checkpoint's round, and the rounds after it run as they would have without the stop.
     */
    public static RunSummary resume(Resumption from, RunListener progress, StopRequest stop) throws IOException {
        // an interrupted run's final results describe where it stopped; until the resumed run ends there are none
        Files.deleteIfExists(from.dir().resolve("summary.json"));
        Files.deleteIfExists(from.dir().resolve("model-final.bin"));
        for (Map.Entry<String, Long> file : from.fileLengths().entrySet()) {
            MetricsHistory.cutBack(from.dir().resolve(file.getKey()), file.getValue());
        }
        LOG.info("{}: resuming after round {} from {}{}", from.scenario().name(), from.state().round(), from.checkpointFile(),
                from.state().stopReason().isPresent() ? " (the run had finished; writing its final results)" : "");
        return execute(from.scenario(), from.dir(), progress, stop, Optional.of(from), TrainingMeter.NONE, Optional.empty());
    }

    private static RunSummary execute(Scenario scenario, Path outDir, RunListener progress, StopRequest stop,
                                      Optional<Resumption> from, TrainingMeter meter,
                                      Optional<DistributedRun> distributed) throws IOException {
        Nd4jSetup.ensureSingleThreaded();
        long setupStart = System.nanoTime();
        FederatedData data = FederatedData.build(scenario);
        Model model = Components.model(scenario.model(), data.train().numFeatures(), data.train().numClasses());
        float[] initial = model.initialParameters(Rng.derive(scenario.seed(), "init"));
        LOG.info("{}: {} clients ({} per round), {}; train {}, test {}", scenario.name(), data.shards().size(),
                scenario.clients().clientsPerRound(), model.describe(), data.train(), data.test());

        PrivacySetup privacy = PrivacySetup.of(scenario, data.shards().size());
        privacy.accounting().ifPresent(a -> LOG.info("{}: client-level DP, q = {}, noise multiplier {}{}, clip norm {}, "
                + "delta {}", scenario.name(), a.samplingRate(), a.noiseMultiplier(),
                scenario.privacy().calibrate() ? " (calibrated for epsilon " + scenario.privacy().targetEpsilon().getAsDouble()
                        + " over " + scenario.rounds() + " rounds)" : "", scenario.privacy().clipNorm(), a.delta()));
        Files.createDirectories(outDir);
        String scenarioText = from.isPresent() ? from.get().scenarioText() : scenario.render();
        if (from.isEmpty()) {
            Files.writeString(outDir.resolve("scenario.conf"), scenarioText, StandardCharsets.UTF_8);
        }
        PartitionWriter.write(outDir, data.shards());
        AttackSetup attacks = AttackSetup.of(scenario, data.shards());
        attacks.writeAttackers(outDir);
        if (attacks.attackers().length > 0) {
            LOG.info("{}: {} of {} clients attack ({}), ids in attackers.csv", scenario.name(), attacks.attackers().length,
                    data.shards().size(), scenario.attack().kind());
        }
        Checkpointing checkpointing = new Checkpointing(scenario.checkpoint().every(), scenario.round().timeout(),
                new RunCheckpoints(outDir, scenario.checkpoint().keep(), CheckpointFile.sha256(scenarioText)), stop,
                from.map(Resumption::state), "fedsim resume " + outDir);
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
        Coordinator.Finished finished;
        List<RoundRecord> records;
        List<String> columns = new ArrayList<>(metricColumns(scenario));
        distributed.ifPresent(d -> d.metricColumns().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
        try (MetricsWriter metrics = from.isPresent()
                ? MetricsWriter.continuing(outDir, columns, MetricsHistory.read(outDir.resolve("metrics.jsonl")))
                : new MetricsWriter(outDir, columns);
             ClientsWriter clientRows = !scenario.eval().federated() ? null
                     : from.isPresent() ? ClientsWriter.continuing(outDir) : new ClientsWriter(outDir)) {
            RunListener listeners = new RunListener() {
                @Override
                public void onRound(RoundRecord r) {
                    metrics.onRound(r);
                    progress.onRound(r);
                }

                @Override
                public void onClientEvaluations(int round, List<ClientEvaluation> evaluations) {
                    if (clientRows != null) {
                        clientRows.onClientEvaluations(round, evaluations);
                    }
                }
            };
            if (distributed.isPresent()) {
                listeners = distributed.get().decorate(listeners);
            }
            finished = federate(scenario, attacks, model, initial, privacy, data, checkpointing, listeners, meter, distributed);
            records = List.copyOf(metrics.records());
        }
        ParameterFile.write(outDir.resolve("model-final.bin"), finished.finalParams(), model.describe(),
                "\"round\":" + finished.rounds() + ",\"scenario\":\"" + scenario.name() + "\"");
        // the global model's loss on the whole training set: the objective FL minimises, which the clients'
        // own losses during local training (train_loss per round) only approximate
        Evaluation onTrain = new Evaluator(model, data.train()).evaluate(finished.finalParams());
        RunSummary summary = RunSummary.of(scenario, model, data, records, finished.stopReason(), setupSeconds,
                privacy.accounting(), onTrain);
        // written last and whole (renamed into place): its presence tells fedsim resume that the run has ended
        Path partial = Files.writeString(outDir.resolve("summary.json.tmp"), summary.toJson() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, outDir.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeReport(outDir);
        return summary;
    }

    /**
     * report.html comes last, from the files just written, exactly as {@code fedsim report} rebuilds it. A chart
     * that cannot be drawn must not cost the run: its results are all on disk, so it is a warning.
     */
    private static void writeReport(Path outDir) throws IOException {
        try {
            RunReport.write(outDir);
        } catch (RuntimeException e) {
            LOG.warn("could not write {}: {} (the results are complete; fedsim report {} retries)",
                    outDir.resolve(RunReport.FILE), e.toString(), outDir);
        }
    }

    /**
     * The columns metrics.csv adds after {@link MetricsWriter#COLUMNS}: the server's intake figures (bytes up and
     * down, rejected updates, attackers in the cohort), the privacy columns, then the metrics the scenario's
     * strategy declares (e.g. krum's {@code selected_clients}) and those of its aggregator
     * ({@code strategy.aggregator}), each once, then the federated evaluation's
     * {@link FairnessKernels#COLUMNS} when it is on.
     */
    static List<String> metricColumns(Scenario scenario) {
        List<String> columns = new ArrayList<>(UpdateIntake.METRICS);
        columns.addAll(PrivacySetup.metricColumns(scenario));
        columns.addAll(Devices.metricColumns(scenario.conditions()));
        List<String> metrics = new ArrayList<>(Components.strategyProvider(scenario.strategy().name()).metrics());
        metrics.addAll(Aggregators.metrics(scenario.strategy().aggregator()));
        for (String metric : metrics) {
            if (!columns.contains(metric) && !MetricsWriter.COLUMNS.contains(metric)) {
                columns.add(metric);
            }
        }
        if (scenario.eval().federated()) {
            columns.addAll(FairnessKernels.COLUMNS);
        }
        return columns;
    }

    private static Coordinator.Finished federate(Scenario scenario, AttackSetup attacks, Model model, float[] initial,
                                                 PrivacySetup privacy, FederatedData data, Checkpointing checkpointing,
                                                 RunListener listener, TrainingMeter meter,
                                                 Optional<DistributedRun> distributed) {
        var clients = scenario.clients();
        int population = data.shards().size();
        CoordinatorSettings settings = new CoordinatorSettings(scenario.rounds(), scenario.seed(), privacy.sampling(),
                scenario.evalEvery(), scenario.targetAccuracy(),
                new TrainingPlan(clients.localEpochs(), clients.batchSize(), (float) clients.learningRate(),
                        privacy.localDp(scenario)),
                scenario.round().timeout(), clients.schedule(),
                new FederatedEvaluation(scenario.eval().federatedEvery(), scenario.eval().federatedFraction()));
        CompletableFuture<Coordinator.Finished> done = new CompletableFuture<>();
        RoundConditions conditions = Devices.conditions(scenario, data.shards(), model.numParameters());
        ClientFaults faults = new ClientFaults(scenario.conditions().crashProbability());
        Evaluator evaluator = new Evaluator(model, data.test());
        ConditionsSpec c = scenario.conditions();
        if (distributed.isPresent()) {
            Strategy strategy = privacy.wrap(Components.strategy(scenario.strategy()), scenario, population);
            return distributed.get().federate(data, model, (refs, replyTo) -> Coordinator.create(settings, refs, initial,
                    strategy, evaluator, listener, privacy.accounting(), conditions, attacks.intake(), checkpointing, replyTo));
        }
        Behavior<Coordinator.Finished> root = c.async()
                ? Federation.createAsync(new AsyncSettings(scenario.rounds(), scenario.seed(), c.bufferSize(),
                        c.concurrency(), scenario.strategy().serverLearningRate(), scenario.evalEvery(),
                        scenario.targetAccuracy(), settings.plan(), conditions), data.shards(), model, initial,
                        evaluator, listener, faults, meter, done)
                : Federation.create(settings,
                        scenario.runtime().spawnClients() == RuntimeSpec.SpawnClients.ON_FIRST_USE, attacks, data.localTests(), model, initial,
                        privacy.wrap(Components.strategy(scenario.strategy(), population), scenario, population),
                        evaluator, listener, privacy.accounting(), conditions, faults, checkpointing, meter, done);
        ActorSystem<Coordinator.Finished> system = ActorSystem.create(root, "fedsim",
                AkkaSettings.forRun(scenario.runtime().effectiveTrainingThreads()));
        try {
            return RunFuture.await(done);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
