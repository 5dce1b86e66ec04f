package io.fedsim.core.model;

import io.fedsim.core.data.Dataset;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Several clients' local SGD steps on one thread as one computation, to measure whether batching clients beats
 * training them one after another (issue 8; see docs/performance.md, "Batching clients' steps"). It is not
 * wired into training: on this project's machines it did not win.
 *
 * <p>Each of {@code k} clients has its own parameter vector (a dense model's layout); all clients' batches of
 * {@code batch} rows sit one after another in shared input, activation and delta buffers, so that the k
 * batches of one layer form one column-major matrix of {@code k * batch} columns. Two ways to step:
 * <ul>
 *   <li>{@link #interleavedSteps}: every client's fused step, layer by layer across clients (client 0's layer,
 *   client 1's layer, ...), the products back to back. The arithmetic is {@link DenseWorkspace#sgdStep}'s,
 *   call for call, so each client ends with exactly the parameters its own workspace would have.</li>
 *   <li>{@link #sharedFirstSteps}: the first step of a round, when every client still holds the global model.
 *   The forward products and the delta products (which use the weights before the update) then share their
 *   weights and run as one product over {@code k * batch} columns, reading each weight once instead of k
 *   times; only each client's weight update is its own product.</li>
 * </ul>
 * Once clients' weights differ, a product cannot be shared: k products of k different weight matrices read k
 * times the bytes and do k times the arithmetic however they are scheduled (see the performance notes).
 */
public final class ClientBatchSteps {
    private final DenseLayout layout;
    private final int clients;
    private final int batch;
    private final int layers;

    private final DataBuffer[] paramData;
    private final FloatBuffer[] paramBufs;
    /** [client][layer]: the transposed weight views, as in {@link DenseWorkspace}. */
    private final NativeMatrix[][] weights;

    private final FloatBuffer inputBuf;
    /** Per layer, all clients' activations (and deltas) as one matrix, then per client a block of it. */
    private final NativeMatrix allInput;
    private final NativeMatrix[] allActivations;
    private final NativeMatrix[] allDeltas;
    private final NativeMatrix[] inputs;
    private final NativeMatrix[][] activations;
    private final NativeMatrix[][] deltas;
    private final FloatBuffer[] allActivationBufs;
    private final FloatBuffer[] allDeltaBufs;
    private final FloatBuffer[][] activationBufs;
    private final FloatBuffer[][] deltaBufs;
    private final int[][] labels;
    /** Heap room for {@link DenseKernels}, sized for the shared step's all-clients blocks. */
    private final float[] scratch;

    /**
     * @param model   a dense model (logistic regression or an MLP)
     * @param clients how many clients step together, at least 1
     * @param batch   every client's batch size, at least 1
     */
    public ClientBatchSteps(Model model, int clients, int batch) {
        if (!(model instanceof DenseModel dense)) {
            throw new IllegalArgumentException("batched client steps need a dense model, not " + model.describe());
        }
        if (clients <= 0 || batch <= 0) {
            throw new IllegalArgumentException("clients and batch must be positive: " + clients + ", " + batch);
        }
        Nd4jSetup.ensureSingleThreaded();
        this.layout = dense.layout;
        this.clients = clients;
        this.batch = batch;
        this.layers = layout.numLayers();
        paramData = new DataBuffer[clients];
        paramBufs = new FloatBuffer[clients];
        weights = new NativeMatrix[clients][layers];
        for (int c = 0; c < clients; c++) {
            paramData[c] = floatBuffer(layout.numParameters());
            paramBufs[c] = paramData[c].asNioFloat();
            for (int l = 0; l < layers; l++) {
                weights[c][l] = NativeMatrix.columnMajor(paramData[c], layout.weightOffset(l), layout.outputs(l),
                        layout.inputs(l), layout.outputs(l));
            }
        }
        int features = layout.numFeatures();
        DataBuffer inputData = floatBuffer((long) clients * batch * features);
        inputBuf = inputData.asNioFloat();
        allInput = block(inputData, 0, features, clients * batch);
        inputs = new NativeMatrix[clients];
        allActivations = new NativeMatrix[layers];
        allDeltas = new NativeMatrix[layers];
        activations = new NativeMatrix[clients][layers];
        deltas = new NativeMatrix[clients][layers];
        allActivationBufs = new FloatBuffer[layers];
        allDeltaBufs = new FloatBuffer[layers];
        activationBufs = new FloatBuffer[clients][layers];
        deltaBufs = new FloatBuffer[clients][layers];
        for (int c = 0; c < clients; c++) {
            inputs[c] = block(inputData, (long) c * batch * features, features, batch);
        }
        for (int l = 0; l < layers; l++) {
            int width = layout.outputs(l);
            DataBuffer a = floatBuffer((long) clients * batch * width);
            DataBuffer d = floatBuffer((long) clients * batch * width);
            allActivations[l] = block(a, 0, width, clients * batch);
            allDeltas[l] = block(d, 0, width, clients * batch);
            allActivationBufs[l] = a.asNioFloat();
            allDeltaBufs[l] = d.asNioFloat();
            for (int c = 0; c < clients; c++) {
                int offset = c * batch * width;
                activations[c][l] = block(a, offset, width, batch);
                deltas[c][l] = block(d, offset, width, batch);
                activationBufs[c][l] = allActivationBufs[l].slice(offset, batch * width);
                deltaBufs[c][l] = allDeltaBufs[l].slice(offset, batch * width);
            }
        }
        labels = new int[clients][batch];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            widest = Math.max(widest, layout.outputs(l));
        }
        scratch = new float[2 * (clients * batch + 1) * widest];
    }

    private static DataBuffer floatBuffer(long length) {
        return Nd4j.zeros(DataType.FLOAT, length).data();
    }

    /** {@code columns} row-major rows of {@code width} at {@code offset}, seen column-major: width x columns. */
    private static NativeMatrix block(DataBuffer buffer, long offset, int width, int columns) {
        return NativeMatrix.columnMajor(buffer, offset, width, columns, width);
    }

    public int clients() {
        return clients;
    }

    public void setParameters(int client, float[] values) {
        checkLength(values);
        paramBufs[client].put(0, values);
    }

    public void getParameters(int client, float[] out) {
        checkLength(out);
        paramBufs[client].get(0, out);
    }

    private void checkLength(float[] values) {
        if (values.length != layout.numParameters()) {
            throw new IllegalArgumentException("expected " + layout.numParameters() + " parameters, got "
                    + values.length);
        }
    }

    /**
     * One fused SGD step for every client on rows {@code rows[c][from[c] .. from[c] + batch)}, layer by layer
     * across clients; the same products, with the same shapes and order within each client, as
     * {@link DenseWorkspace#sgdStep}.
     *
     * @param loss receives each client's mean loss on its batch
     */
    public void interleavedSteps(Dataset data, int[][] rows, int[] from, float learningRate, double[] loss) {
        loadBatches(data, rows, from);
        for (int l = 0; l < layers; l++) {
            for (int c = 0; c < clients; c++) {
                forward(weights[c][l], layerInput(c, l), activations[c][l], DenseWorkspace.forwardChunks(
                        layout.outputs(l), layout.inputs(l), batch));
                DenseKernels.addBias(activationBufs[c][l], batch, layout.outputs(l), paramBufs[c],
                        layout.biasOffset(l), l < layers - 1, scratch);
            }
        }
        topDeltas(loss);
        for (int l = layers - 1; l >= 0; l--) {
            for (int c = 0; c < clients; c++) {
                if (l > 0) {
                    NativeMatrix.gemm(weights[c][l], true, deltas[c][l], false, deltas[c][l - 1], 1f, 0f);
                    DenseKernels.reluBackward(deltaBufs[c][l - 1], activationBufs[c][l - 1],
                            batch * layout.inputs(l), scratch);
                }
                update(c, l, learningRate);
            }
        }
    }

    /**
     * The first step of a round, when every client holds the same parameters (the caller has set them; only
     * client 0's are read for the shared products): forward and delta products as one product each over all
     * clients' batches, then each client's own update. Not always the same to the bit as each client's own
     * step: a wider product can switch OpenBLAS to another kernel that sums in another order (with the
     * SkylakeX kernels, the 2NN's 200 x 200 forward product from 3 clients on; see ClientBatchStepsTest).
     */
    public void sharedFirstSteps(Dataset data, int[][] rows, int[] from, float learningRate, double[] loss) {
        loadBatches(data, rows, from);
        int all = clients * batch;
        for (int l = 0; l < layers; l++) {
            // split along K as each client's own step splits it, so that every column sums the same pieces
            forward(weights[0][l], l == 0 ? allInput : allActivations[l - 1], allActivations[l],
                    DenseWorkspace.forwardChunks(layout.outputs(l), layout.inputs(l), batch));
            DenseKernels.addBias(allActivationBufs[l], all, layout.outputs(l), paramBufs[0], layout.biasOffset(l),
                    l < layers - 1, scratch);
        }
        topDeltas(loss);
        for (int l = layers - 1; l >= 0; l--) {
            if (l > 0) {
                // Client 0's layer l is still the shared one here: updates come after this product.
                NativeMatrix.gemm(weights[0][l], true, allDeltas[l], false, allDeltas[l - 1], 1f, 0f);
                DenseKernels.reluBackward(allDeltaBufs[l - 1], allActivationBufs[l - 1], all * layout.inputs(l),
                        scratch);
            }
            for (int c = 0; c < clients; c++) {
                update(c, l, learningRate);
            }
        }
    }

    /** Z^T = W^T H^T in {@code pieces} pieces along K, with the same K ranges as {@link DenseWorkspace}'s forward pass. */
    private static void forward(NativeMatrix w, NativeMatrix h, NativeMatrix z, int pieces) {
        NativeMatrix[][] split = NativeMatrix.splitK(w, h, pieces);
        NativeMatrix.gemmPieces(split[0], split[1], z);
    }

    /** Softmax cross-entropy per client (each over its own batch, as a workspace would), the top deltas. */
    private void topDeltas(double[] loss) {
        int top = layers - 1;
        for (int c = 0; c < clients; c++) {
            loss[c] = SoftmaxCrossEntropy.lossAndGradient(activationBufs[c][top], deltaBufs[c][top], labels[c],
                    batch, layout.numClasses()) / batch;
        }
    }

    /** Client c's layer l in place: W -= lr * D^T H (one product, beta = 1), then its bias. */
    private void update(int c, int l, float learningRate) {
        NativeMatrix.gemm(deltas[c][l], false, layerInput(c, l), true, weights[c][l], -learningRate, 1f);
        DenseKernels.subtractScaledColumnSums(deltaBufs[c][l], batch, layout.outputs(l), paramBufs[c],
                layout.biasOffset(l), learningRate, scratch);
    }

    private NativeMatrix layerInput(int c, int l) {
        return l == 0 ? inputs[c] : activations[c][l - 1];
    }

    private void loadBatches(Dataset data, int[][] rows, int[] from) {
        Objects.requireNonNull(data, "data");
        if (rows.length != clients || from.length != clients) {
            throw new IllegalArgumentException("expected rows and offsets for " + clients + " clients");
        }
        int features = layout.numFeatures();
        if (data.numFeatures() != features || data.numClasses() != layout.numClasses()) {
            throw new IllegalArgumentException(data + " does not fit a " + layout.widths() + " model");
        }
        float[] x = data.features();
        int[] y = data.labels();
        for (int c = 0; c < clients; c++) {
            if (from[c] < 0 || from[c] + batch > rows[c].length) {
                throw new IllegalArgumentException("client " + c + ": rows " + from[c] + ".." + (from[c] + batch)
                        + " of " + rows[c].length);
            }
            for (int k = 0; k < batch; k++) {
                int row = rows[c][from[c] + k];
                inputBuf.put((c * batch + k) * features, x, row * features, features);
                labels[c][k] = y[row];
            }
        }
    }
}
