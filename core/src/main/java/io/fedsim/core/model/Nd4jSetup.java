package io.fedsim.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps ND4J's own thread pools out of the models' small operations. FedSim parallelises across clients
 * (one training thread per core), so an op that fans out to ND4J's OpenMP pool or OpenBLAS's pthread pool
 * only oversubscribes the machine; the launcher also sets {@code OMP_NUM_THREADS=1}, but this does not rely
 * on it. Also makes float32 the default type.
 */
public final class Nd4jSetup {
    private static volatile boolean done;

    private Nd4jSetup() {
    }

    /** Limits ND4J (libnd4j's pool and the BLAS library) to one thread; idempotent and cheap after the first call. */
    public static void ensureSingleThreaded() {
        if (done) {
            return;
        }
        synchronized (Nd4jSetup.class) {
            if (!done) {
                Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                Nd4j.getEnvironment().setMaxThreads(1);
                Nd4j.getEnvironment().setMaxMasterThreads(1);
                Nd4j.factory().blas().setMaxThreads(1);
                done = true;
            }
        }
    }
}
