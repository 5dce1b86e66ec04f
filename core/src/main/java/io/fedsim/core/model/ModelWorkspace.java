package io.fedsim.core.model;

import io.fedsim.core.data.Dataset;

/**
 * The working memory of one {@link Model} on one thread: the current parameters (a flat ND4J vector),
 * the gradient, and the activations of a batch. Reused across clients and rounds; never shared between
 * threads.
 */
public interface ModelWorkspace {

    Model model();

    int maxBatchSize();

    /** Copies {@code params} (length {@code numParameters()}) into the workspace's parameter vector. */
    void setParameters(float[] params);

    /** Copies the workspace's parameters into {@code out}. */
    void getParameters(float[] out);

    /**
     * Computes the mean softmax cross-entropy of rows {@code rows[from..to)} of {@code data} at the current
     * parameters and its gradient, which is kept in the workspace (see {@link #gradient(float[])}).
     *
     * @return the mean loss of the batch
     */
    double computeGradient(Dataset data, int[] rows, int from, int to);

    /** Copies the gradient of the last {@link #computeGradient} into {@code out}. */
    void gradient(float[] out);

    /** Parameters -= learningRate * gradient, in place. */
    void applyGradient(float learningRate);

    /**
     * Remembers the current parameters as the anchor of a proximal term: FedProx's w_t, the round's
     * global model (Li et al. 2020, "Federated Optimization in Heterogeneous Networks").
     */
    void setAnchor();

    /**
     * Adds the gradient of the proximal term (mu / 2) ||w - anchor||^2 to the last computed gradient:
     * gradient += mu * (parameters - anchor).
     */
    void addProximalGradient(float mu);

    /**
     * Remembers a constant vector to add to every gradient from now on, through
     * {@link #addGradientCorrection()}: SCAFFOLD's drift correction c - c_i (Karimireddy et al. 2020,
     * "SCAFFOLD: Stochastic Controlled Averaging for Federated Learning"). The array is copied.
     */
    void setGradientCorrection(float[] correction);

    /** Adds the vector of the last {@link #setGradientCorrection} to the last computed gradient. */
    void addGradientCorrection();

    /**
     * One minibatch SGD step on rows {@code rows[from..to)}; returns the batch's mean loss before the step. An
     * implementation may fuse the update into the backward pass, so the gradient left in the workspace
     * afterwards is unspecified: use {@link #computeGradient} when the gradient itself is needed.
     */
    default double sgdStep(Dataset data, int[] rows, int from, int to, float learningRate) {
        double loss = computeGradient(data, rows, from, to);
        applyGradient(learningRate);
        return loss;
    }

    /**
     * Loss and accuracy of the current parameters on the given rows of {@code data} (all rows when
     * {@code rows} is null), in batches of at most {@code maxBatchSize()}.
     */
    Evaluation evaluate(Dataset data, int[] rows);
}
