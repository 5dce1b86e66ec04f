package io.fedsim.core.model;

import io.fedsim.core.data.Dataset;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The workspace of a stack of dense layers (ReLU between them, softmax cross-entropy on top): logistic
 * regression is the one-layer case. Every ND4J buffer is allocated here, once: the flat parameter and
 * gradient vectors with per-layer weight views into them, and activations and deltas for
 * {@code maxBatchSize} rows. A smaller batch uses views of the first rows of the same buffers (see
 * {@link BatchViews}), made once per batch size. Matrix products run on ND4J's OpenBLAS binding (see
 * {@link NativeMatrix}); bias, ReLU and
 * softmax run as Java loops over the same memory through direct {@link FloatBuffer}s, which at these
 * batch sizes is cheaper than an ND4J op each.
 */
final class DenseWorkspace implements ModelWorkspace {
    private final Model model;
    private final DenseLayout layout;
    private final int maxBatchSize;
    private final int layers;

    private final INDArray params;
    private final INDArray gradient;
    private INDArray anchor;
    private INDArray correction;
    private final FloatBuffer paramBuf;
    private final FloatBuffer gradBuf;
    private final NativeMatrix[] weights;
    private final NativeMatrix[] weightGrads;

    private final DataBuffer inputData;
    private final DataBuffer[] activationData;
    private final DataBuffer[] deltaData;
    private final FloatBuffer inputBuf;
    private final FloatBuffer[] activationBufs;
    private final FloatBuffer[] deltaBufs;
    private final int[] labels;
    private final BatchViews[] viewsBySize;
    /** Heap room for the elementwise kernels (see {@link DenseKernels}): the largest layer block, twice over. */
    private final float[] scratch;

    DenseWorkspace(Model model, DenseLayout layout, int maxBatchSize) {
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be positive: " + maxBatchSize);
        }
        Nd4jSetup.ensureSingleThreaded();
        this.model = model;
        this.layout = layout;
        this.maxBatchSize = maxBatchSize;
        this.layers = layout.numLayers();
        int p = layout.numParameters();
        params = Nd4j.zeros(DataType.FLOAT, 1, p);
        gradient = Nd4j.zeros(DataType.FLOAT, 1, p);
        paramBuf = params.data().asNioFloat();
        gradBuf = gradient.data().asNioFloat();
        weights = new NativeMatrix[layers];
        weightGrads = new NativeMatrix[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = transposedView(params.data(), layout.weightOffset(l), layout.inputs(l), layout.outputs(l));
            weightGrads[l] = transposedView(gradient.data(), layout.weightOffset(l), layout.inputs(l),
                    layout.outputs(l));
        }
        inputData = floatBuffer((long) maxBatchSize * layout.numFeatures());
        inputBuf = inputData.asNioFloat();
        activationData = new DataBuffer[layers];
        deltaData = new DataBuffer[layers];
        activationBufs = new FloatBuffer[layers];
        deltaBufs = new FloatBuffer[layers];
        for (int l = 0; l < layers; l++) {
            activationData[l] = floatBuffer((long) maxBatchSize * layout.outputs(l));
            deltaData[l] = floatBuffer((long) maxBatchSize * layout.outputs(l));
            activationBufs[l] = activationData[l].asNioFloat();
            deltaBufs[l] = deltaData[l].asNioFloat();
        }
        labels = new int[maxBatchSize];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            widest = Math.max(widest, layout.outputs(l));
        }
        scratch = new float[2 * (maxBatchSize + 1) * widest];
        viewsBySize = new BatchViews[maxBatchSize + 1];
    }

    private static DataBuffer floatBuffer(long length) {
        return Nd4j.zeros(DataType.FLOAT, length).data();
    }

    /**
     * The transpose of the row-major {@code rows x cols} matrix at {@code offset} in {@code buffer}: a
     * column-major {@code cols x rows} matrix over the same memory. BLAS is column-major, so every product
     * is written in transposed form on these (Z^T = W^T H^T and so on), which keeps the row-major layout of
     * the parameter vector and needs no copy.
     */
    private static NativeMatrix transposedView(DataBuffer buffer, long offset, int rows, int cols) {
        return NativeMatrix.columnMajor(buffer, offset, cols, rows, cols);
    }

    /**
     * The batch-shaped arrays for one batch size, transposed like the weights (features x batch): the first
     * {@code batch} rows of the full-size row-major input, activation and delta buffers, which are one
     * contiguous prefix of each.
     */
    private final class BatchViews {
        final int batch;
        final NativeMatrix input;
        final NativeMatrix[] activations = new NativeMatrix[layers];
        final NativeMatrix[] deltas = new NativeMatrix[layers];
        /** Per layer, the forward product's pieces along K: weight columns and input rows (see {@link #forwardChunks}). */
        final NativeMatrix[][] forwardWeights = new NativeMatrix[layers][];
        final NativeMatrix[][] forwardInputs = new NativeMatrix[layers][];

        /** Views of the first {@code batch} rows of the given buffers. */
        BatchViews(DataBuffer inputs, DataBuffer[] activationData, DataBuffer[] deltaData, int batch) {
            this.batch = batch;
            input = transposedView(inputs, 0, batch, layout.numFeatures());
            for (int l = 0; l < layers; l++) {
                activations[l] = transposedView(activationData[l], 0, batch, layout.outputs(l));
                deltas[l] = transposedView(deltaData[l], 0, batch, layout.outputs(l));
            }
            for (int l = 0; l < layers; l++) {
                NativeMatrix[][] split = NativeMatrix.splitK(weights[l], layerInput(l),
                        forwardChunks(layout.outputs(l), layout.inputs(l), batch));
                forwardWeights[l] = split[0];
                forwardInputs[l] = split[1];
            }
        }

        NativeMatrix layerInput(int layer) {
            return layer == 0 ? input : activations[layer - 1];
        }
    }

    /**
     * How many pieces along K a forward product Z^T = W^T H^T ({@code outputs x inputs} times {@code inputs x batch})
     * is taken in. OpenBLAS (0.3.19, SkylakeX kernels) multiplies products of at most {@value #SMALL_GEMM} multiply-adds
     * with its small-matrix kernel, straight from the operands; above that it first packs both operands into
     * blocks, which at a client's batch sizes costs more than the product: the 2NN's first layer at B = 10
     * (200 x 784 x 10 = 1.57 M) ran in about a third of the time as two halves along K (the second accumulating
     * into the first), and a whole local step in two thirds (measured by {@code BatchedClientsBench.gemmSplitK}).
     * Only products that two pieces bring under the limit are split; bigger ones stay whole, where packing pays.
     */
    static int forwardChunks(int outputs, int inputs, int batch) {
        long mnk = (long) outputs * inputs * batch;
        return mnk > SMALL_GEMM && mnk <= 2L * SMALL_GEMM && inputs >= 2 ? 2 : 1;
    }

    /** The largest product OpenBLAS's SkylakeX small-matrix sgemm kernel takes (M * N * K). */
    static final long SMALL_GEMM = 1_000_000;

    private BatchViews views(int batch) {
        BatchViews v = viewsBySize[batch];
        if (v == null) {
            v = new BatchViews(inputData, activationData, deltaData, batch);
            viewsBySize[batch] = v;
        }
        return v;
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public int maxBatchSize() {
        return maxBatchSize;
    }

    @Override
    public void setParameters(float[] values) {
        checkLength(values);
        paramBuf.put(0, values);
    }

    @Override
    public void getParameters(float[] out) {
        checkLength(out);
        paramBuf.get(0, out);
    }

    @Override
    public void gradient(float[] out) {
        checkLength(out);
        gradBuf.get(0, out);
    }

    private void checkLength(float[] values) {
        if (values.length != layout.numParameters()) {
            throw new IllegalArgumentException(model.describe() + ": expected " + layout.numParameters()
                    + " parameters, got " + values.length);
        }
    }

    @Override
    public double computeGradient(Dataset data, int[] rows, int from, int to) {
        int batch = loadBatch(data, rows, from, to);
        BatchViews v = views(batch);
        forward(v);
        int top = layers - 1;
        double lossSum = SoftmaxCrossEntropy.lossAndGradient(activationBufs[top], deltaBufs[top], labels, batch,
                layout.numClasses());
        backward(v);
        return lossSum / batch;
    }

    /**
     * The fused step: the same forward pass, then a backward pass that updates each layer's weights and biases in
     * place as soon as the layer below has its delta (which needs the old weights), W -= lr * D^T H as one gemm
     * with beta = 1. No gradient vector is written or read back: at the 2NN's B = 10 that halves the memory
     * traffic of a step and keeps its working set (the parameters) within a core's L2 cache, which is what lets
     * two training threads scale. The gradient kept in the workspace is left unchanged.
     */
    @Override
    public double sgdStep(Dataset data, int[] rows, int from, int to, float learningRate) {
        int batch = loadBatch(data, rows, from, to);
        BatchViews v = views(batch);
        forward(v);
        int top = layers - 1;
        double lossSum = SoftmaxCrossEntropy.lossAndGradient(activationBufs[top], deltaBufs[top], labels, batch,
                layout.numClasses());
        for (int l = top; l >= 0; l--) {
            if (l > 0) {
                NativeMatrix.gemm(weights[l], true, v.deltas[l], false, v.deltas[l - 1], 1f, 0f);
                DenseKernels.reluBackward(deltaBufs[l - 1], activationBufs[l - 1], batch * layout.inputs(l), scratch);
            }
            NativeMatrix.gemm(v.deltas[l], false, v.layerInput(l), true, weights[l], -learningRate, 1f);
            DenseKernels.subtractScaledColumnSums(deltaBufs[l], batch, layout.outputs(l), paramBuf,
                    layout.biasOffset(l), learningRate, scratch);
        }
        return lossSum / batch;
    }

    @Override
    public void setAnchor() {
        if (anchor == null) {
            anchor = Nd4j.zeros(DataType.FLOAT, 1, layout.numParameters());
        }
        anchor.assign(params);
    }

    /** gradient += mu * params - mu * anchor: two BLAS axpy calls over the flat vectors. */
    @Override
    public void addProximalGradient(float mu) {
        if (anchor == null) {
            throw new IllegalStateException("addProximalGradient needs an anchor: call setAnchor() first");
        }
        var blas = Nd4j.getBlasWrapper().level1();
        blas.axpy(layout.numParameters(), mu, params, gradient);
        blas.axpy(layout.numParameters(), -mu, anchor, gradient);
    }

    @Override
    public void setGradientCorrection(float[] values) {
        checkLength(values);
        if (correction == null) {
            correction = Nd4j.zeros(DataType.FLOAT, 1, layout.numParameters());
        }
        correction.data().asNioFloat().put(0, values);
    }

    /** gradient += correction: one BLAS axpy. */
    @Override
    public void addGradientCorrection() {
        if (correction == null) {
            throw new IllegalStateException("addGradientCorrection needs a correction: call setGradientCorrection() first");
        }
        Nd4j.getBlasWrapper().level1().axpy(layout.numParameters(), 1f, correction, gradient);
    }

    /** params -= learningRate * gradient: one BLAS axpy over the whole flat vector. */
    @Override
    public void applyGradient(float learningRate) {
        Nd4j.getBlasWrapper().level1().axpy(layout.numParameters(), -learningRate, gradient, params);
    }

    @Override
    public Evaluation evaluate(Dataset data, int[] rows) {
        int n = rows == null ? data.size() : rows.length;
        double lossSum = 0;
        long correct = 0;
        FloatBuffer logits = activationBufs[layers - 1];
        for (int from = 0; from < n; from += maxBatchSize) {
            int batch = loadBatch(data, rows, from, Math.min(n, from + maxBatchSize));
            forward(views(batch));
            lossSum += SoftmaxCrossEntropy.lossSum(logits, labels, batch, layout.numClasses());
            correct += SoftmaxCrossEntropy.correctCount(logits, labels, batch, layout.numClasses());
        }
        return new Evaluation(lossSum, correct, n);
    }

    /**
     * Copies the features of rows {@code rows[from..to)} (or samples {@code from..to} when {@code rows} is
     * null) into the input buffer and their labels into {@link #labels}.
     *
     * @return the batch size
     */
    private int loadBatch(Dataset data, int[] rows, int from, int to) {
        Objects.requireNonNull(data, "data");
        int batch = to - from;
        if (batch <= 0 || batch > maxBatchSize) {
            throw new IllegalArgumentException("batch of " + batch + " rows (" + from + ".." + to
                    + "), expected 1.." + maxBatchSize);
        }
        int features = layout.numFeatures();
        if (data.numFeatures() != features || data.numClasses() != layout.numClasses()) {
            throw new IllegalArgumentException(data + " does not fit " + model.describe());
        }
        float[] x = data.features();
        int[] y = data.labels();
        for (int k = 0; k < batch; k++) {
            int row = rows == null ? from + k : rows[from + k];
            inputBuf.put(k * features, x, row * features, features);
            labels[k] = y[row];
        }
        return batch;
    }

    /**
     * Logits of the loaded batch into the top activation buffer, ReLU after every layer but the last; per
     * layer Z^T = W^T H^T on the transposed views, in one or two pieces along K ({@link #forwardChunks}).
     */
    private void forward(BatchViews v) {
        int batch = v.batch;
        for (int l = 0; l < layers; l++) {
            NativeMatrix.gemmPieces(v.forwardWeights[l], v.forwardInputs[l], v.activations[l]);
            DenseKernels.addBias(activationBufs[l], batch, layout.outputs(l), paramBuf, layout.biasOffset(l),
                    l < layers - 1, scratch);
        }
    }

    /**
     * From the top delta (d mean loss / d logits, already in place) down: each layer's weight and bias
     * gradients, then the delta of the layer below through W^T and the ReLU mask. The input's delta is
     * never needed, so the first layer stops after its gradients. On the transposed views:
     * dW^T = D^T H and D_below^T = W D^T.
     */
    private void backward(BatchViews v) {
        int batch = v.batch;
        for (int l = layers - 1; l >= 0; l--) {
            NativeMatrix.gemm(v.deltas[l], false, v.layerInput(l), true, weightGrads[l], 1f, 0f);
            DenseKernels.columnSums(deltaBufs[l], batch, layout.outputs(l), gradBuf, layout.biasOffset(l), scratch);
            if (l > 0) {
                NativeMatrix.gemm(weights[l], true, v.deltas[l], false, v.deltas[l - 1], 1f, 0f);
                DenseKernels.reluBackward(deltaBufs[l - 1], activationBufs[l - 1], batch * layout.inputs(l), scratch);
            }
        }
    }
}
