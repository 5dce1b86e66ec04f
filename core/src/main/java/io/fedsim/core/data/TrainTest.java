package io.fedsim.core.data;

import java.util.Objects;

/** A training set (partitioned over clients) and the central test set the global model is evaluated on. */
public record TrainTest(Dataset train, Dataset test) {
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.numFeatures() != test.numFeatures()) {
            throw new IllegalArgumentException("train has " + train.numFeatures() + " features, test has "
                    + test.numFeatures());
        }
    }
}
