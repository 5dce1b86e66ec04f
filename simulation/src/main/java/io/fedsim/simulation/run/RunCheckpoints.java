package io.fedsim.simulation.run;

import io.fedsim.coordinator.checkpoint.CheckpointFile;
import io.fedsim.coordinator.checkpoint.CheckpointFolder;
import io.fedsim.coordinator.checkpoint.CheckpointSink;
import io.fedsim.coordinator.checkpoint.RunState;
import io.fedsim.simulation.Version;
import io.fedsim.simulation.output.MetricsHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoints: each saves the coordinator's state with the FedSim version, the scenario's SHA-256
 * and how many bytes the metrics files held (they are forced to disk first, so a checkpoint never counts
 * rows that a crash of the machine could lose); a resumed run cuts the files back to those lengths.
 */
final class RunCheckpoints implements CheckpointSink {
    static final String CSV_BYTES = "metrics/csv_bytes";
    static final String JSONL_BYTES = "metrics/jsonl_bytes";
    static final String CLIENTS_BYTES = "metrics/clients_csv_bytes";
    /** The files written round by round, which a resumed run cuts back, by the section holding their length. */
    static final Map<String, String> FILES = Map.of(CSV_BYTES, "metrics.csv", JSONL_BYTES, "metrics.jsonl",
            CLIENTS_BYTES, "clients.csv");
    private static final Logger LOG = LoggerFactory.getLogger(RunCheckpoints.class);

    private final Path runDir;
    private final CheckpointFolder folder;
    private final byte[] scenarioSha256;
    private boolean folderForced;

    RunCheckpoints(Path runDir, int keep, byte[] scenarioSha256) {
        this.runDir = runDir;
        this.folder = new CheckpointFolder(runDir.resolve("checkpoints"), keep);
        this.scenarioSha256 = scenarioSha256.clone();
    }

    @Override
    public void save(RunState state) throws IOException {
        if (!folderForced) { // the files the run created at its start, and their names, must outlive a crash too
            MetricsHistory.force(runDir.resolve("scenario.conf"));
            CheckpointFile.forceFolder(runDir);
            folderForced = true;
        }
        Map<String, long[]> lengths = new HashMap<>();
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            Path path = runDir.resolve(file.getValue());
            if (Files.exists(path)) { // clients.csv only with federated evaluation
                MetricsHistory.force(path);
                lengths.put(file.getKey(), new long[] {Files.size(path)});
            }
        }
        Path file = folder.write(state.toCheckpoint(Version.current(), scenarioSha256, lengths));
        LOG.debug("checkpoint of round {}: {}", state.round(), file);
    }
}
