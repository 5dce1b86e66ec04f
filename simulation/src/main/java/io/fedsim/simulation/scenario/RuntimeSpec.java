package io.fedsim.simulation.scenario;

/**
 * @param trainingThreads threads that train clients; 0 means one per core of this machine
 * @param spawnClients    when a single-JVM synchronous run spawns its client actors
 */
public record RuntimeSpec(int trainingThreads, SpawnClients spawnClients) {
    /**
     * AT_START: every client before round 1 (the heap holds them all from the start, and a million take a minute);
     * ON_FIRST_USE: each client when it is first sampled, evaluated or restored. The results are the same.
     */
    public enum SpawnClients {
        AT_START, ON_FIRST_USE
    }

    public RuntimeSpec {
        new Checks().atLeast("runtime.training-threads", trainingThreads, 0).done();
    }

    /** One training thread per core, clients spawned on first use (the defaults). */
    public RuntimeSpec(int trainingThreads) {
        this(trainingThreads, SpawnClients.ON_FIRST_USE);
    }

    /** The thread count to use here; resolved late because "one per core" depends on the machine. */
    public int effectiveTrainingThreads() {
        return trainingThreads > 0 ? trainingThreads : Runtime.getRuntime().availableProcessors();
    }
}
