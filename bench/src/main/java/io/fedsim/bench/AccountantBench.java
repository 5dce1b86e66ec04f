package io.fedsim.bench;

import io.fedsim.core.privacy.RdpAccountant;
import java.util.concurrent.TimeUnit;
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
 * The privacy accountant's work per DP round: compose one step of the subsampled Gaussian at every RDP order,
 * then convert to (epsilon, delta), with the DP-FedAvg setting of the dp-tradeoff scenario (q = 0.1, z = 1.1).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccountantBench {
    private RdpAccountant accountant;

    @Setup
    public void setUp() {
        accountant = new RdpAccountant();
    }

    @Benchmark
    public double stepAndEpsilon() {
        accountant.step(0.1, 1.1, 1);
        return accountant.spent(1e-5).epsilon();
    }
}
