package io.fedsim.bench;

import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.FedAvg;
import io.fedsim.coordinator.strategy.RoundOutcome;
import io.fedsim.core.rng.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FedAvg's server step: the sample-weighted mean of K client deltas of the 2NN's 199,210 parameters, added to
 * the global model. It streams K * P * 4 bytes of updates through one accumulator, so its speed is bounded by
 * memory bandwidth: compare bytes per second ({@code K * P * 4 / time}) with {@link MemoryBandwidthBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregationBench {
    /** The 2NN's size: 784*200+200 + 200*200+200 + 200*10+10. */
    public static final int PARAMETERS = 199_210;

    @Param({"10", "100"})
    public int clients;

    private float[] global;
    private List<ClientResult> results;
    private final FedAvg fedAvg = new FedAvg();

    @Setup
    public void setUp() {
        Rng rng = Rng.derive(1, "bench-aggregation");
        global = gaussian(rng, PARAMETERS);
        results = new ArrayList<>(clients);
        for (int k = 0; k < clients; k++) {
            results.add(new ClientResult(k, gaussian(rng, PARAMETERS), 500 + k, 0.0));
        }
    }

    @Benchmark
    public float[] fedAvgRound() {
        return ((RoundOutcome.Aggregated) fedAvg.aggregate(1, global, results, List.of())).params();
    }

    static float[] gaussian(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian(0, 0.01);
        }
        return x;
    }
}
