package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;

/**
 * Gaussian blobs: a synthetic classification problem of any shape, for quick runs without data files.
 * Each class has a centre with i.i.d. N(0, centerStd^2) coordinates; each sample is its class centre plus
 * i.i.d. N(0, noiseStd^2) noise per feature. Labels are balanced ({@code i % classes}, shuffled). Train
 * and test come from the same centres. The peers' Python scripts draw the same problem (centre std 0.035,
 * noise std 0.35 in 784 dimensions puts |x|^2 near that of an MNIST image).
 */
public final class Blobs {
    private Blobs() {
    }

    public static TrainTest generate(int trainSamples, int testSamples, int features, int classes,
                                     double centerStd, double noiseStd, Rng rng) {
        require(trainSamples >= 1, "train-samples must be >= 1, was " + trainSamples);
        require(testSamples >= 1, "test-samples must be >= 1, was " + testSamples);
        require(features >= 1, "features must be >= 1, was " + features);
        require(classes >= 2, "classes must be >= 2, was " + classes);
        require(centerStd >= 0 && Double.isFinite(centerStd), "center-std must be a finite number >= 0, was " + centerStd);
        require(noiseStd >= 0 && Double.isFinite(noiseStd), "noise-std must be a finite number >= 0, was " + noiseStd);
        double[] centres = new double[classes * features];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = rng.nextGaussian(0, centerStd);
        }
        Dataset train = draw("blobs-train", trainSamples, features, classes, centres, noiseStd, rng);
        Dataset test = draw("blobs-test", testSamples, features, classes, centres, noiseStd, rng);
        return new TrainTest(train, test);
    }

    private static Dataset draw(String name, int n, int d, int classes, double[] centres, double noiseStd, Rng rng) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        rng.shuffle(labels);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int centre = labels[i] * d;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (centres[centre + j] + rng.nextGaussian(0, noiseStd));
            }
        }
        return new Dataset(name, x, labels, d, classes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new FedSimException("blobs: " + message + ".");
        }
    }
}
