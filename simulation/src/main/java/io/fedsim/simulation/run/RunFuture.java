package io.fedsim.simulation.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for a run's actor system to deliver its result, the same way in one JVM and on a cluster. */
public final class RunFuture {
    private RunFuture() {
    }

    /**
     * The run's result; a failure inside the run is rethrown as itself when it is a RuntimeException (a user error keeps
     * its type, and so its exit code), wrapped otherwise.
     */
    public static <T> T await(CompletableFuture<T> done) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the federation ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("the federation failed", e.getCause());
        }
    }
}
