package io.fedsim.coordinator.checkpoint;

import java.time.Duration;
import java.util.Optional;

/**
 * How a coordinator checkpoints: every {@code every} rounds, when the run stops, and when a graceful stop
 * is requested; and, for a resumed run, the state it continues from.
 *
 * @param stateTimeout  how long to wait for the clients' persistent states
 * @param resumeFrom    the saved state of a resumed run, or empty for a fresh run
 * @param resumeCommand what a user runs to continue after a graceful stop, for the stop reason
 */
public record Checkpointing(int every, Duration stateTimeout, CheckpointSink sink, StopRequest stopRequest,
                           Optional<RunState> resumeFrom, String resumeCommand) {

    public Checkpointing {
        if (every < 0) {
            throw new IllegalArgumentException("every must be >= 0, was " + every);
        }
    }

    /** No checkpoints, no graceful stop, a fresh run. */
    public static Checkpointing disabled() {
        return new Checkpointing(0, Duration.ofSeconds(1), state -> { }, new StopRequest(), Optional.empty(), "");
    }

    public boolean enabled() {
        return every > 0;
    }

    /** Whether to checkpoint after {@code round}, given whether the run is about to stop. */
    public boolean due(int round, boolean stopping) {
        return enabled() && (stopping || round % every == 0 || stopRequest.isRequested());
    }

    /** The stop reason of a run stopped by request after {@code round}. */
    public String interruptedReason(int round, boolean saved) {
        return saved ? "interrupted: checkpoint at round " + round + "; continue with " + resumeCommand
                : "interrupted after round " + round + " (its checkpoint could not be written; see the log)";
    }
}
