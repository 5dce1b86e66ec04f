package io.fedsim.core.model;

import java.nio.FloatBuffer;

/**
 * The elementwise parts of a dense layer (bias, ReLU and their backward passes) as Java loops over direct
 * buffers. At the batch sizes of federated clients (B = 10: a few thousand values per layer) a loop costs
 * less than the fixed overhead of dispatching one ND4J op; the matrix products stay on ND4J.
 */
final class DenseKernels {

    private DenseKernels() {
    }

    /**
     * z[i, j] += bias[j] for rows {@code [0, batch)} of a row-major {@code batch x width} block, then ReLU in
     * place when {@code relu} is set.
     */
    static void addBias(FloatBuffer z, int batch, int width, FloatBuffer params, int biasOffset, boolean relu) {
        for (int i = 0; i < batch; i++) {
            int row = i * width;
            for (int j = 0; j < width; j++) {
                float v = z.get(row + j) + params.get(biasOffset + j);
                z.put(row + j, relu && v < 0 ? 0f : v);
            }
        }
    }

    /**
     * Backward through ReLU: zeroes delta where the layer's output was not positive. The output after ReLU
     * is positive exactly where its input was, so the stored activation serves as the mask.
     */
    static void reluBackward(FloatBuffer delta, FloatBuffer activation, int count) {
        for (int i = 0; i < count; i++) {
            if (!(activation.get(i) > 0)) {
                delta.put(i, 0f);
            }
        }
    }

    /** out[outOffset + j] = sum over rows {@code [0, batch)} of delta[i, j]: the bias gradient. */
    static void columnSums(FloatBuffer delta, int batch, int width, FloatBuffer out, int outOffset) {
        for (int j = 0; j < width; j++) {
            out.put(outOffset + j, delta.get(j));
        }
        for (int i = 1; i < batch; i++) {
            int row = i * width;
            for (int j = 0; j < width; j++) {
                out.put(outOffset + j, out.get(outOffset + j) + delta.get(row + j));
            }
        }
    }

    /**
     * params[offset + j] -= learningRate * (sum over rows {@code [0, batch)} of delta[i, j]): a bias's SGD step
     * straight from the delta, summed in the same order as {@link #columnSums}.
     */
    static void subtractScaledColumnSums(FloatBuffer delta, int batch, int width, FloatBuffer params, int offset,
                                         float learningRate) {
        for (int j = 0; j < width; j++) {
            float sum = delta.get(j);
            for (int i = 1; i < batch; i++) {
                sum += delta.get(i * width + j);
            }
            params.put(offset + j, params.get(offset + j) - learningRate * sum);
        }
    }
}
