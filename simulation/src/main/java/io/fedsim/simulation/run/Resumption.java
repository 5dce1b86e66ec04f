package io.fedsim.simulation.run;

import io.fedsim.coordinator.checkpoint.Checkpoint;
import io.fedsim.coordinator.checkpoint.CheckpointFile;
import io.fedsim.coordinator.checkpoint.CheckpointFolder;
import io.fedsim.coordinator.checkpoint.RunState;
import io.fedsim.core.FedSimException;
import io.fedsim.simulation.Version;
import io.fedsim.simulation.scenario.Scenario;
import io.fedsim.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Where a stopped run continues: its folder, its scenario, and the newest intact checkpoint, checked to
 * belong to that scenario and this FedSim version.
 *
 * @param scenarioText the scenario.conf text, whose SHA-256 the checkpoint holds
 * @param csvBytes     the length of metrics.csv when the checkpoint was taken
 * @param fileLengths  the lengths of the files written round by round (metrics.csv, metrics.jsonl, clients.csv
 *                     when the run has it) when the checkpoint was taken, by file name
 */
public record Resumption(Path dir, Scenario scenario, String scenarioText, Path checkpointFile, RunState state,
                         Map<String, Long> fileLengths) {

    /**
     * Finds where the run in {@code dir} can continue; damaged newer checkpoints are skipped with a message
     * to {@code warn}.
     *
     * @throws FedSimException when the folder has no intact checkpoint, was written by another FedSim
     *                         version, its scenario.conf was edited since, or its run already finished (a run
 *                         that stopped for good but was killed before writing summary.json resumes only to
 *                         write its final results)
     */
    public static Resumption of(Path dir, Consumer<String> warn) throws IOException {
        Path conf = dir.resolve("scenario.conf");
        if (!Files.isRegularFile(conf)) {
            throw new FedSimException(dir + ": not a FedSim results folder (it has no scenario.conf)");
        }
        CheckpointFolder folder = new CheckpointFolder(dir.resolve("checkpoints"), 1);
        CheckpointFolder.Found found = folder.newestIntact(warn).orElseThrow(() -> new FedSimException(dir
                + ": no intact checkpoint to resume from in " + folder.dir() + " (the run stopped before its first "
                + "checkpoint, or every checkpoint file is damaged); start it again with fedsim run " + conf));
        Checkpoint c = found.checkpoint();
        String where = found.file() + ": ";
        if (!c.fedsimVersion().equals(Version.current())) {
            throw new FedSimException(where + "written by FedSim " + c.fedsimVersion() + ", but this is FedSim "
                    + Version.current() + "; a run resumes only with the version that started it (a newer version "
                    + "may compute rounds differently), or start it again with fedsim run " + conf);
        }
        String text = Files.readString(conf, StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(CheckpointFile.sha256(text), c.scenarioSha256())) {
            throw new FedSimException(conf + ": edited since the run started (its SHA-256 differs from the one in "
                    + found.file().getFileName() + "); a resumed run must continue the scenario it started with. "
                    + "Undo the edit, or start a new run with fedsim run " + conf + " --out NEW_DIR");
        }
        RunState state;
        try {
            state = RunState.of(c);
        } catch (IllegalArgumentException e) {
            throw new FedSimException(where + "incomplete checkpoint: " + e.getMessage(), e);
        }
        if (state.stopReason().isPresent() && Files.exists(dir.resolve("summary.json"))) {
            throw new FedSimException(dir + ": the run already finished, at round " + state.round()
                    + " (see summary.json); there is nothing to resume");
        }
        Map<String, Long> lengths = new TreeMap<>();
        RunCheckpoints.FILES.forEach((section, name) -> {
            Long length = single(c, section);
            if (length != null) {
                lengths.put(name, length);
            }
        });
        if (!lengths.containsKey("metrics.csv") || !lengths.containsKey("metrics.jsonl")) {
            throw new FedSimException(where + "the checkpoint does not say how long the metrics files were");
        }
        Scenario scenario = new ScenarioLoader(Components.strategyNames()).load(conf);
        return new Resumption(dir, scenario, text, found.file(), state, lengths);
    }

    private static Long single(Checkpoint c, String name) {
        long[] v = c.longs().get(name);
        return v == null || v.length != 1 ? null : v[0];
    }
}
