package io.fedsim.simulation.scenario;

/** Gaussian blobs: one isotropic cluster per class, centres drawn with center-std around the origin. */
public record BlobsSpec(
        int features, int classes, int trainSamples, int testSamples, double centerStd, double noiseStd) {
    public BlobsSpec {
        new Checks()
                .atLeast("data.blobs.features", features, 1)
                .atLeast("data.blobs.classes", classes, 2)
                .atLeast("data.blobs.train-samples", trainSamples, 1)
                .atLeast("data.blobs.test-samples", testSamples, 1)
                .nonNegative("data.blobs.center-std", centerStd)
                .nonNegative("data.blobs.noise-std", noiseStd)
                .done();
    }
}
