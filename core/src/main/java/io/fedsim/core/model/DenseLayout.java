package io.fedsim.core.model;

import java.util.Arrays;

/**
 * Where each dense layer's weights and biases sit in the flat parameter vector: for layer {@code l},
 * W (sizes[l] x sizes[l+1], row-major) at {@link #weightOffset(int)}, then b (sizes[l+1]) at
 * {@link #biasOffset(int)}. Shared by {@link LogisticRegression} (one layer) and {@link Mlp}.
 */
final class DenseLayout {
    private final int[] sizes;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int numParameters;

    /** @param sizes layer widths, input first, classes last; at least two, all positive */
    DenseLayout(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("need at least input and output sizes: " + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        int layers = sizes.length - 1;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l + 1];
            biasOffsets[l] = (int) offset;
            offset += sizes[l + 1];
            if (offset > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many parameters for " + Arrays.toString(sizes));
            }
        }
        numParameters = (int) offset;
    }

    int numLayers() {
        return sizes.length - 1;
    }

    int inputs(int layer) {
        return sizes[layer];
    }

    int outputs(int layer) {
        return sizes[layer + 1];
    }

    int numFeatures() {
        return sizes[0];
    }

    int numClasses() {
        return sizes[sizes.length - 1];
    }

    int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    int numParameters() {
        return numParameters;
    }

    /** Widths joined by dashes, e.g. {@code 784-200-200-10}. */
    String widths() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb.toString();
    }
}
