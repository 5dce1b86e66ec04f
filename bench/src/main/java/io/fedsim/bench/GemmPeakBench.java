package io.fedsim.bench;

import io.fedsim.core.model.Nd4jSetup;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's practical float32 peak on one thread: a 1024 x 1024 x 1024 product through ND4J's OpenBLAS
 * (2 * 1024^3 = 2.147 GFLOP per call; the per-call op overhead is negligible at this size). GFLOP/s = 2.147 / time
 * in seconds. The yardstick for how close a 2NN step's FLOPs come to what the core can do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GemmPeakBench {
    private INDArray a;
    private INDArray b;
    private INDArray c;

    @Setup
    public void setUp() {
        Nd4jSetup.ensureSingleThreaded();
        Nd4j.getRandom().setSeed(5);
        a = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        b = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        c = Nd4j.zeros(DataType.FLOAT, 1024, 1024);
    }

    @Benchmark
    public INDArray sgemm1024() {
        return Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
}
