package io.fedsim.core.model;

import io.fedsim.core.rng.Rng;

/**
 * A multilayer perceptron: dense layers with ReLU between them and softmax cross-entropy on the logits,
 * e.g. McMahan et al.'s "2NN" is {@code new Mlp(784, new int[] {200, 200}, 10)}. Parameters, layer by
 * layer: W ({@code in x out}, row-major), then b ({@code out}).
 */
public final class Mlp extends DenseModel {

    /** @param hidden widths of the hidden layers, in order (may be empty: then it is logistic regression) */
    public Mlp(int numFeatures, int[] hidden, int numClasses) {
        super("mlp", widths(numFeatures, hidden, numClasses));
    }

    private static int[] widths(int numFeatures, int[] hidden, int numClasses) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = numFeatures;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = numClasses;
        return sizes;
    }

    /**
     * PyTorch's {@code nn.Linear} default: every weight and bias of a layer uniform in
     * +-1/sqrt(fan_in), drawn in layout order (layer by layer, W then b).
     */
    @Override
    public float[] initialParameters(Rng rng) {
        float[] params = new float[layout.numParameters()];
        for (int l = 0; l < layout.numLayers(); l++) {
            double bound = 1.0 / Math.sqrt(layout.inputs(l));
            int end = layout.biasOffset(l) + layout.outputs(l);
            for (int i = layout.weightOffset(l); i < end; i++) {
                params[i] = (float) rng.nextUniform(-bound, bound);
            }
        }
        return params;
    }
}
