package io.fedsim.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J as FedSim uses it: float32, and single-threaded inside each op. Clients train in parallel on the
 * training dispatcher (one thread per core), so ND4J's own OpenMP and BLAS pools would only oversubscribe
 * the cores; the launcher also sets OMP_NUM_THREADS=1 before the natives load.
 */
public final class Nd4jSetup {
    private static volatile boolean done;

    private Nd4jSetup() {
    }

    public static synchronized void singleThreadedFloat() {
        if (done) {
            return;
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        done = true;
    }
}
