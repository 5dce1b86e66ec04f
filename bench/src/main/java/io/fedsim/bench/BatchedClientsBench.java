package io.fedsim.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import io.fedsim.core.data.Blobs;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.model.ClientBatchSteps;
import io.fedsim.core.model.Mlp;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.model.Nd4jSetup;
import io.fedsim.core.rng.Rng;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether training k sampled clients' 2NN steps (B = 10) as one batched computation on one thread beats training
 * them one after another. Every benchmark does {@value #OPS} client-steps (or, for the {@code gemm*} ones,
 * {@value #OPS} products) per invocation, so each reports time per client-step (per product):
 * <ul>
 *   <li>{@code perClient}: each client's own workspace and fused step, client after client, {@code 8 / k}
 *   steps per visit (k = 1 is how a training thread runs: one client's steps back to back, its weights in L2).</li>
 *   <li>{@code interleaved}: all k clients' steps layer by layer ({@link ClientBatchSteps#interleavedSteps}).</li>
 *   <li>{@code perClientFirstStep} against {@code sharedFirstStep}: the first step of a round, every client
 *   starting from the global model (copied in, as training does); the shared one runs the forward and delta
 *   products of all k clients as one product each ({@link ClientBatchSteps#sharedFirstSteps}).</li>
 *   <li>{@code gemmPerClient} against {@code gemmBatchedOp}: the largest product of a step (layer 1 forward,
 *   200 x 784 times 784 x 10) for k clients with their own weights, as k {@code cblas_sgemm} calls or as one
 *   libnd4j {@code batched_gemm} op (OpenBLAS has no sgemm_batch, so libnd4j runs its own loop); and
 *   {@code gemmSplitK}, the same products each split in two along K (see there).</li>
 * </ul>
 * Run: {@code bash bench/jmh BatchedClients -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class BatchedClientsBench {
    static final int OPS = 8;
    private static final int BATCH = 10;
    private static final int ROWS_PER_CLIENT = 600;
    private static final float LR = 0.01f;

    @Param({"1", "2", "4", "8"})
    public int k;

    private Dataset data;
    private int[][] rows;
    private int[] from;
    private float[] global;
    private ModelWorkspace[] workspaces;
    private ClientBatchSteps batched;
    private double[] loss;

    private FloatPointer[] gemmA;
    private FloatPointer[] gemmB;
    private FloatPointer[] gemmC;
    /** The second halves along K: columns 392.. of each A, rows 392.. of each B. */
    private FloatPointer[] gemmA2;
    private FloatPointer[] gemmB2;
    private DynamicCustomOp batchedGemm;

    @Setup
    public void setUp() {
        Nd4jSetup.ensureSingleThreaded();
        Rng rng = Rng.derive(2, "bench-batched-clients");
        data = Blobs.generate(ROWS_PER_CLIENT * 8, 10, 784, 10, 0.035, 0.35, rng).train();
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        rng.shuffle(all);
        rows = new int[k][ROWS_PER_CLIENT];
        for (int c = 0; c < k; c++) {
            System.arraycopy(all, c * ROWS_PER_CLIENT, rows[c], 0, ROWS_PER_CLIENT);
        }
        from = new int[k];
        Mlp model = new Mlp(784, new int[] {200, 200}, 10);
        global = model.initialParameters(rng);
        workspaces = new ModelWorkspace[k];
        batched = new ClientBatchSteps(model, k, BATCH);
        for (int c = 0; c < k; c++) {
            workspaces[c] = model.newWorkspace(BATCH);
            workspaces[c].setParameters(global);
            batched.setParameters(c, global);
        }
        loss = new double[k];
        setUpGemms();
    }

    /** k clients' layer-1 forward operands (weights 200 x 784, batch 784 x 10, output 200 x 10, column-major). */
    private void setUpGemms() {
        INDArray alpha = Nd4j.ones(DataType.FLOAT, k);
        INDArray beta = Nd4j.zeros(DataType.FLOAT, k);
        INDArray[] a = new INDArray[k];
        INDArray[] b = new INDArray[k];
        INDArray[] c = new INDArray[k];
        gemmA = new FloatPointer[k];
        gemmB = new FloatPointer[k];
        gemmC = new FloatPointer[k];
        gemmA2 = new FloatPointer[k];
        gemmB2 = new FloatPointer[k];
        Nd4j.getRandom().setSeed(3);
        for (int i = 0; i < k; i++) {
            a[i] = columnMajor(200, 784).assign(Nd4j.rand(DataType.FLOAT, 200, 784).muli(0.1));
            b[i] = columnMajor(784, 10).assign(Nd4j.rand(DataType.FLOAT, 784, 10));
            c[i] = columnMajor(200, 10);
            gemmA[i] = new FloatPointer(a[i].data().addressPointer());
            gemmB[i] = new FloatPointer(b[i].data().addressPointer());
            gemmC[i] = new FloatPointer(c[i].data().addressPointer());
            gemmA2[i] = new FloatPointer(a[i].data().addressPointer()).position(200L * 392);
            gemmB2[i] = new FloatPointer(b[i].data().addressPointer()).position(392);
        }
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("batched_gemm")
                .addInputs(alpha, beta).addInputs(a).addInputs(b).addOutputs(c)
                .addIntegerArguments(0, 0, 200, 10, 784, 200, 784, 200, k);
        batchedGemm = op.build();
        // Both variants must compute the same products: check once, before any timing.
        Nd4j.exec(batchedGemm);
        float[] viaOp = c[k - 1].data().asFloat();
        gemmPerClient();
        float[] viaBlas = c[k - 1].data().asFloat();
        double worst = 0;
        gemmSplitK();
        float[] viaSplit = c[k - 1].data().asFloat();
        for (int i = 0; i < viaOp.length; i++) {
            worst = Math.max(worst, Math.abs(viaOp[i] - viaBlas[i]) / (1e-3 + Math.abs(viaBlas[i])));
            worst = Math.max(worst, Math.abs(viaSplit[i] - viaBlas[i]) / (1e-3 + Math.abs(viaBlas[i])));
        }
        if (worst > 1e-4) {
            throw new IllegalStateException("batched_gemm, split and single products disagree: " + worst);
        }
    }

    private static INDArray columnMajor(int rows, int cols) {
        return Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, 'f');
    }

    private int nextFrom(int c) {
        int f = from[c];
        from[c] = f + BATCH > ROWS_PER_CLIENT - BATCH ? 0 : f + BATCH;
        return f;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double perClient() {
        double sum = 0;
        for (int c = 0; c < k; c++) {
            for (int s = 0; s < OPS / k; s++) {
                int f = nextFrom(c);
                sum += workspaces[c].sgdStep(data, rows[c], f, f + BATCH, LR);
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double interleaved() {
        for (int s = 0; s < OPS / k; s++) {
            batched.interleavedSteps(data, rows, from, LR, loss);
            for (int c = 0; c < k; c++) {
                nextFrom(c);
            }
        }
        return loss[0];
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double perClientFirstStep() {
        double sum = 0;
        for (int s = 0; s < OPS / k; s++) {
            for (int c = 0; c < k; c++) {
                workspaces[c].setParameters(global);
                int f = nextFrom(c);
                sum += workspaces[c].sgdStep(data, rows[c], f, f + BATCH, LR);
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public double sharedFirstStep() {
        for (int s = 0; s < OPS / k; s++) {
            for (int c = 0; c < k; c++) {
                batched.setParameters(c, global);
            }
            batched.sharedFirstSteps(data, rows, from, LR, loss);
            for (int c = 0; c < k; c++) {
                nextFrom(c);
            }
        }
        return loss[0];
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void gemmPerClient() {
        for (int s = 0; s < OPS / k; s++) {
            for (int i = 0; i < k; i++) {
                cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 200, 10, 784, 1f, gemmA[i], 200, gemmB[i], 784,
                        0f, gemmC[i], 200);
            }
        }
    }

    /**
     * Not batching, a side measurement for the per-client step: the same k products, each as two products over
     * halves of K (784 = 2 x 392). Each half is 200 x 392 x 10 = 784,000 multiply-adds, under the 10^6 up to
     * which OpenBLAS's SkylakeX kernels use the small-matrix kernel (no packing of the weights); the whole
     * product is over it and packs 200 x 784 weights for 10 columns. Sums in another order than one call.
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void gemmSplitK() {
        for (int s = 0; s < OPS / k; s++) {
            for (int i = 0; i < k; i++) {
                cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 200, 10, 392, 1f, gemmA[i], 200, gemmB[i], 784,
                        0f, gemmC[i], 200);
                cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 200, 10, 392, 1f, gemmA2[i], 200, gemmB2[i],
                        784, 1f, gemmC[i], 200);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void gemmBatchedOp() {
        for (int s = 0; s < OPS / k; s++) {
            Nd4j.exec(batchedGemm);
        }
    }
}
