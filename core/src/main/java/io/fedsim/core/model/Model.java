package io.fedsim.core.model;

import io.fedsim.core.rng.Rng;

/**
 * A model architecture over a flat float parameter vector. A {@code Model} holds no parameters and no
 * buffers: it is a shared, immutable description. Training and evaluation go through a
 * {@link ModelWorkspace}, one per thread, which owns every buffer it needs and is reused across clients
 * and rounds, so a population of clients never holds one model instance each.
 */
public interface Model {

    /** A short description, e.g. {@code mlp 784-200-200-10 (199,210 parameters)}. */
    String describe();

    int numFeatures();

    int numClasses();

    int numParameters();

    /** Fresh initial parameters, drawn from {@code rng}. */
    float[] initialParameters(Rng rng);

    /** Buffers for batches of up to {@code maxBatchSize} samples. Not thread-safe: one per thread. */
    ModelWorkspace newWorkspace(int maxBatchSize);
}
