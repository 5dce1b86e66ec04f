package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How features are scaled before training. Statistics always come from the training set and are applied
 * unchanged to the test set, so no information leaks from the test set into training.
 */
public enum FeatureScaling {
    /** Features as loaded. */
    NONE,
    /** Divide by 255: byte pixel values to [0, 1]. */
    UNIT,
    /** Per feature, subtract the training mean and divide by the training standard deviation (if not 0). */
    STANDARDIZE,
    /** Per feature, map the training range [min, max] to [0, 1] (if max > min; else only subtract min). */
    MINMAX;

    /** The lower-case name used in scenario files: none, unit, standardize, minmax. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice with the given scenario name; {@code key} is the scenario key, for the error message. */
    public static FeatureScaling byName(String key, String name) {
        for (FeatureScaling s : values()) {
            if (s.configName().equals(name)) {
                return s;
            }
        }
        throw new FedSimException(key + ": unknown feature scaling '" + name + "'; expected one of "
                + Arrays.stream(values()).map(FeatureScaling::configName).collect(Collectors.joining(", ")) + ".");
    }

    /** New datasets with scaled features; labels and groups are shared with the input. */
    public TrainTest apply(TrainTest data) {
        if (this == NONE) {
            return data;
        }
        double[][] shiftDivisor = this == UNIT ? unit(data.train().numFeatures()) : fit(data.train());
        return new TrainTest(transform(data.train(), shiftDivisor), transform(data.test(), shiftDivisor));
    }

    private static double[][] unit(int d) {
        double[] divisor = new double[d];
        Arrays.fill(divisor, 255);
        return new double[][] {new double[d], divisor};
    }

    /** Per feature: the value to subtract and the (positive) value to divide by, from the training set. */
    private double[][] fit(Dataset train) {
        int d = train.numFeatures();
        int n = train.size();
        float[] x = train.features();
        double[] shift = new double[d];
        double[] divisor = new double[d];
        for (int j = 0; j < d; j++) {
            if (this == STANDARDIZE) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x[i * d + j];
                }
                double mean = n == 0 ? 0 : sum / n;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    double c = x[i * d + j] - mean;
                    squares += c * c;
                }
                double std = n == 0 ? 0 : Math.sqrt(squares / n);
                shift[j] = mean;
                divisor[j] = std > 0 ? std : 1;
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, x[i * d + j]);
                    max = Math.max(max, x[i * d + j]);
                }
                shift[j] = n == 0 ? 0 : min;
                divisor[j] = max > min ? max - min : 1;
            }
        }
        return new double[][] {shift, divisor};
    }

    private static Dataset transform(Dataset data, double[][] shiftDivisor) {
        double[] shift = shiftDivisor[0];
        double[] divisor = shiftDivisor[1];
        int d = data.numFeatures();
        float[] x = data.features();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int j = i % d;
            y[i] = (float) ((x[i] - shift[j]) / divisor[j]);
        }
        return data.withFeatures(y);
    }
}
