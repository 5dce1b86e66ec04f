package io.fedsim.coordinator.checkpoint;

import java.io.IOException;

/** Where the coordinator's checkpoints go: the run's checkpoint folder, with whatever the run adds to them. */
@FunctionalInterface
public interface CheckpointSink {

    /** Saves {@code state} durably before returning. */
    void save(RunState state) throws IOException;
}
