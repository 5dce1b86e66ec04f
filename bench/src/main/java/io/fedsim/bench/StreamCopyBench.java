package io.fedsim.bench;

import java.util.Arrays;
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
 * This machine's memory bandwidth, STREAM's "copy": each thread copies its own 512 MiB float array into another,
 * far more than any cache holds. Bytes per second = 2 x 512 MiB (read and written) per thread / time. Run with
 * {@code -t 2} for the whole machine's figure, the yardstick the aggregation target is set against (half of it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class StreamCopyBench {
    static final int FLOATS = 128 << 20;
    private float[] from;
    private float[] to;

    @Setup
    public void setUp() {
        from = new float[FLOATS];
        to = new float[FLOATS];
        Arrays.fill(from, 1f);
        Arrays.fill(to, 2f);
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(from, 0, to, 0, FLOATS);
        return to;
    }
}
