package io.fedsim.core.model;

import io.fedsim.core.rng.Rng;
import java.util.Locale;

/**
 * Multinomial logistic regression: logits = x W + b, softmax cross-entropy averaged over the batch.
 * Parameters: W ({@code numFeatures x numClasses}, row-major), then b ({@code numClasses}). Starts from
 * zeros, as in the FedAvg papers (the loss is convex, so no symmetry needs breaking).
 */
public final class LogisticRegression implements Model {
    private final DenseLayout layout;

    public LogisticRegression(int numFeatures, int numClasses) {
        this.layout = new DenseLayout(new int[] {numFeatures, numClasses});
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "logistic regression %s (%,d parameters)", layout.widths(),
                layout.numParameters());
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

    /** All zeros; {@code rng} is not drawn from. */
    @Override
    public float[] initialParameters(Rng rng) {
        return new float[layout.numParameters()];
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
