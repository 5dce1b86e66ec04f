package io.fedsim.simulation.cli;

import io.fedsim.core.FedSimException;
import io.fedsim.core.data.Shard;
import io.fedsim.simulation.output.PartitionWriter;
import io.fedsim.simulation.report.PartitionChart;
import io.fedsim.simulation.run.FederatedData;
import io.fedsim.simulation.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fedsim partition FILE}: builds a scenario's data and partition, exactly as a run would (with
 * federated evaluation on, the clients' local training parts), without training, and summarises it.
 */
@Command(name = "partition", mixinStandardHelpOptions = true,
        description = "Build a scenario's data and client partition without training and summarise it; "
                + "--out DIR also writes DIR/partition.csv and DIR/partition.png (a heatmap of each client's label mix).")
final class PartitionCommand implements Callable<Integer> {
    /** How many clients the summary lists label by label. */
    static final int CLIENTS_LISTED = 5;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Write partition.csv (client_id,label,count) and partition.png into DIR.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = scenario.load();
        List<Shard> shards = FederatedData.build(s).shards();
        PrintWriter o = spec.commandLine().getOut();
        o.print(PartitionSummary.describe(s, shards, CLIENTS_LISTED));
        if (out != null) {
            write(shards, s.name());
            o.printf("partition.csv: %s%n", out.resolve("partition.csv"));
            o.printf("partition.png: %s%n", out.resolve("partition.png"));
        }
        o.flush();
        return 0;
    }

    private void write(List<Shard> shards, String name) {
        if (Files.isRegularFile(out)) {
            throw new FedSimException("--out " + out + ": is a file; expected a folder for partition.csv");
        }
        if (Files.exists(out.resolve("partition.csv"))) {
            throw new FedSimException("--out " + out + ": partition.csv already exists there; it is never written over. "
                    + "Choose another folder or remove it.");
        }
        try {
            Files.createDirectories(out);
            PartitionWriter.write(out, shards);
            PartitionChart.write(out.resolve("partition.csv"), out.resolve("partition.png"), name);
        } catch (IOException e) {
            throw RunCommand.cannotWrite(out, e);
        }
    }
}
