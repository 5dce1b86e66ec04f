package io.fedsim.coordinator.checkpoint;

/**
 * A request, from outside the actor system (a Ctrl-C handler), that the run stop gracefully: at the end of
 * the current round, after writing a checkpoint. Safe to set from any thread.
 */
public final class StopRequest {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean isRequested() {
        return requested;
    }
}
