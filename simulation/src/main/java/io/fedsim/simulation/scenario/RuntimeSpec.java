package io.fedsim.simulation.scenario;

/** @param trainingThreads threads that train clients; 0 means one per core of this machine */
public record RuntimeSpec(int trainingThreads) {
    public RuntimeSpec {
        new Checks().atLeast("runtime.training-threads", trainingThreads, 0).done();
    }

    /** The thread count to use here; resolved late because "one per core" depends on the machine. */
    public int effectiveTrainingThreads() {
        return trainingThreads > 0 ? trainingThreads : Runtime.getRuntime().availableProcessors();
    }
}
