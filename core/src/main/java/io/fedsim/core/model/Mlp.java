package io.fedsim.core.model;

import io.fedsim.core.rng.Rng;
import java.util.Locale;

/**
 * A multilayer perceptron: dense layers with ReLU between them and softmax cross-entropy on the logits,
 * e.g. McMahan et al.'s "2NN" is {@code new Mlp(784, new int[] {200, 200}, 10)}. Parameters, layer by
 * layer: W ({@code in x out}, row-major), then b ({@code out}).
 */
public final class Mlp implements Model {
    private final DenseLayout layout;

    /** @param hidden widths of the hidden layers, in order (may be empty: then it is logistic regression) */
    public Mlp(int numFeatures, int[] hidden, int numClasses) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = numFeatures;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = numClasses;
        this.layout = new DenseLayout(sizes);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "mlp %s (%,d parameters)", layout.widths(), layout.numParameters());
    }

    @Override
    public int numFeatures() {
        return layout.numFeatures();
    }

    @Override
    public int numClasses() {
        return layout.numClasses();
    }

    @Override
    public int numParameters() {
        return layout.numParameters();
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

    @Override
    public ModelWorkspace newWorkspace(int maxBatchSize) {
        return new DenseWorkspace(this, layout, maxBatchSize);
    }

    @Override
    public String toString() {
        return describe();
    }
}
