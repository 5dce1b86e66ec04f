package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.simulation.cluster.ClientNode;
import io.fedsim.simulation.cluster.ClusterSettings;
import io.fedsim.simulation.cluster.CoordinatorNode;
import io.fedsim.simulation.cluster.HostPort;
import io.fedsim.simulation.output.Progress;
import io.fedsim.simulation.output.RunSummary;
import io.fedsim.simulation.run.Components;
import io.fedsim.simulation.run.Simulation;
import io.fedsim.simulation.scenario.Scenario;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fedsim node}: one member of a cluster run. The coordinator node runs the scenario once its client
 * nodes have joined and writes the results folder; a client node hosts its share of the clients and stops
 * when the run ends. A client node runs the coordinator's scenario, sent when it is assigned its clients, with
 * its own {@code --set} overrides (its data paths) on top; or its own copy of the scenario file.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run one node of a distributed run on Akka Cluster (Artery TCP).",
                "Start the coordinator node first, then the client nodes with --seed-nodes pointing at it."})
final class NodeCommand implements Callable<Integer> {
    enum Role { coordinator, clients }

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "coordinator or clients.")
    Role role;

    @Option(names = "--bind", required = true, paramLabel = "HOST:PORT",
            description = "This node's address, as the other nodes reach it (port 0: any free port).")
    String bind;

    @Option(names = "--seed-nodes", paramLabel = "HOST:PORT,...",
            description = "Nodes to join through: the coordinator node's address (default for the coordinator: --bind).")
    String seedNodes;

    @Option(names = "--scenario", paramLabel = "FILE", description = {"The scenario file (required on the coordinator node).",
            "A client node without it runs the coordinator's scenario, with its own --set overrides (e.g. data.dir) on top."})
    Path scenarioFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario key, or a cluster setting as cluster.KEY=VALUE (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--cluster-config", paramLabel = "FILE", description = "A HOCON file with a cluster { ... } block.")
    Path clusterConfig;

    @Option(names = "--out", paramLabel = "DIR", description = "(coordinator) Write the results here instead of results/<name>-<time>/.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> scenarioOverrides = new ArrayList<>();
        List<String> clusterOverrides = new ArrayList<>();
        for (String o : overrides) {
            (o.strip().startsWith("cluster.") ? clusterOverrides : scenarioOverrides).add(o);
        }
        ClusterSettings settings = ClusterSettings.load(Optional.ofNullable(clusterConfig), clusterOverrides);
        if (role == Role.coordinator && scenarioFile == null) {
            throw new FedSimException("--scenario: the coordinator node needs the scenario file (client nodes may go without)");
        }
        Optional<Scenario> loaded = scenarioFile == null ? Optional.empty()
                : Optional.of(new ScenarioLoader(Components.strategyNames()).load(scenarioFile, scenarioOverrides));
        if (loaded.isPresent() && loaded.get().conditions().async()) {
            throw new FedSimException(scenarioFile + ": mode = async: asynchronous FedBuff runs in one JVM only; "
                    + "fedsim node runs synchronous rounds (set mode = sync, or use fedsim run)");
        }
        HostPort self = HostPort.parse("--bind", bind);
        if (role == Role.clients && seedNodes == null) {
            throw new FedSimException("--seed-nodes: a client node needs the coordinator node's HOST:PORT");
        }
        List<HostPort> seeds = seedNodes == null ? List.of(self) : HostPort.parseList("--seed-nodes", seedNodes);
        var o = spec.commandLine().getOut();
        if (role == Role.clients) {
            String reason = ClientNode.run(loaded, scenarioOverrides, self, seeds, settings);
            o.printf("client node %s stopped: %s%n", self, reason);
            o.flush();
            return 0;
        }
        Scenario scenario = loaded.orElseThrow();
        Path dir = out != null ? out : RunCommand.freshFolder(Path.of("results"), scenario.name());
        RunCommand.refuseNonEmpty(dir);
        Progress progress = Progress.forConsole(scenario.rounds());
        CoordinatorNode node = new CoordinatorNode(self, seeds, settings, scenario.runtime().effectiveTrainingThreads(),
                scenario.seed(), scenario.render());
        // Ctrl-C on the coordinator node stops the run after its round, with a checkpoint, as fedsim run does
        return RunCommand.runInterruptibly(spec, dir, progress, stop -> Simulation.run(scenario, dir, progress, stop,
                Optional.of(node)));
    }
}
