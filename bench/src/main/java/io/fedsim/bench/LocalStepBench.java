package io.fedsim.bench;

import io.fedsim.core.data.Blobs;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Mlp;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.model.Nd4jSetup;
import io.fedsim.core.rng.Rng;
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
 * One local SGD step (forward, backward, update) of each model on MNIST-shaped data (784 features, 10 classes),
 * at batch sizes 10 and 50, on one thread with ND4J single-threaded, as a client trains. Samples per second =
 * batch / time. Run with {@code -t 2} (two threads, each with its own workspace, as two training threads) to see
 * how a step scales across cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class LocalStepBench {
    @Param({"logreg", "2nn"})
    public String model;

    @Param({"10", "50"})
    public int batch;

    private Dataset data;
    private int[] rows;
    private ModelWorkspace workspace;
    private int from;

    @Setup
    public void setUp() {
        Nd4jSetup.ensureSingleThreaded();
        Rng rng = Rng.derive(2, "bench-local-step");
        data = Blobs.generate(6000, 10, 784, 10, 0.035, 0.35, rng).train();
        rows = new int[data.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        rng.shuffle(rows);
        Model m = switch (model) {
            case "logreg" -> new LogisticRegression(784, 10);
            case "2nn" -> new Mlp(784, new int[] {200, 200}, 10);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        workspace = m.newWorkspace(batch);
        workspace.setParameters(m.initialParameters(rng));
    }

    /** The step clients take: forward, then a backward pass that updates each layer in place. */
    @Benchmark
    public double sgdStep() {
        if (from + batch > rows.length) {
            from = 0;
        }
        double loss = workspace.sgdStep(data, rows, from, from + batch, 0.01f);
        from += batch;
        return loss;
    }

    /** The unfused step, for comparison: the whole gradient vector first, then one update over it. */
    @Benchmark
    public double gradientThenUpdate() {
        if (from + batch > rows.length) {
            from = 0;
        }
        double loss = workspace.computeGradient(data, rows, from, from + batch);
        workspace.applyGradient(0.01f);
        from += batch;
        return loss;
    }
}
