package io.fedsim.bench;

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
 * This machine's memory bandwidth from one thread, as the yardstick for {@link AggregationBench}: the same access
 * pattern (one small accumulator, many large rows read once) over the same 80 MB as 100 updates of the 2NN. The
 * rows are 100 separate arrays, as client updates are. Bytes per second = 100 * 199,210 * 4 / time.
 * {@code readRows} only reads (a sum per row); {@code accumulateRows} is the aggregation kernel without any
 * framework around it ({@code acc += w * row}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MemoryBandwidthBench {
    private static final int ROWS = 100;

    private float[][] rows;
    private float[] acc;

    @Setup
    public void setUp() {
        rows = new float[ROWS][AggregationBench.PARAMETERS];
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < rows[r].length; i++) {
                rows[r][i] = (r * 31 + i) % 97 * 0.01f;
            }
        }
        acc = new float[AggregationBench.PARAMETERS];
    }

    @Benchmark
    public float readRows() {
        float total = 0;
        for (float[] row : rows) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < row.length; i += 4) {
                s0 += row[i];
                s1 += row[i + 1];
                s2 += row[i + 2];
                s3 += row[i + 3];
            }
            for (; i < row.length; i++) {
                s0 += row[i];
            }
            total += s0 + s1 + s2 + s3;
        }
        return total;
    }

    @Benchmark
    public float[] accumulateRows() {
        java.util.Arrays.fill(acc, 0f);
        for (float[] row : rows) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += 0.01f * row[i];
            }
        }
        return acc;
    }
}
