package io.fedsim.core.model;

import io.fedsim.core.rng.Rng;

/**
 * Multinomial logistic regression: logits = x W + b, softmax cross-entropy averaged over the batch.
 * Parameters: W ({@code numFeatures x numClasses}, row-major), then b ({@code numClasses}). Starts from
 * zeros, as in the FedAvg papers (the loss is convex, so no symmetry needs breaking).
 */
public final class LogisticRegression extends DenseModel {

    public LogisticRegression(int numFeatures, int numClasses) {
        super("logistic regression", new int[] {numFeatures, numClasses});
    }

    /** All zeros; {@code rng} is not drawn from. */
    @Override
    public float[] initialParameters(Rng rng) {
        return new float[layout.numParameters()];
    }
}
