package io.fedsim.core.data;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;

/**
 * Synthetic(alpha, beta) of Li et al., "Federated Optimization in Heterogeneous Networks" (FedProx, MLSys
 * 2020), as in the authors' generator. Device k has {@code int(lognormal(4, 2)) + 50} samples; x ~ N(v_k,
 * Sigma) in 60 dimensions with Sigma diagonal, Sigma_jj = j^-1.2 (j from 1); y = argmax(softmax(W_k x + b_k))
 * over 10 classes. In the non-IID variant W_k, b_k are elementwise N(u_k, 1) with u_k ~ N(0, alpha), and
 * v_k is elementwise N(B_k, 1) with B_k ~ N(0, beta): alpha controls how much the local models differ,
 * beta how much the local inputs do (both standard deviations). The IID variant shares one W, b ~ N(0, 1)
 * and v = 0 across devices, ignoring alpha and beta. As in the authors' code each device keeps the first
 * int(0.9 n_k) of its samples for training and the rest for testing; groups are device indices in both.
 */
public final class FedProxSynthetic {
    public static final int NUM_FEATURES = 60;
    public static final int NUM_CLASSES = 10;
    /** The paper's number of devices. */
    public static final int PAPER_DEVICES = 30;
    static final double TRAIN_FRACTION = 0.9;

    private FedProxSynthetic() {
    }

    /** Per-device model (W row-major, features x classes, then b) and input mean. */
    private record Device(int samples, double[] w, double[] b, double[] v) {
    }

    public static TrainTest generate(double alpha, double beta, boolean iid, int devices, Rng rng) {
        if (!(alpha >= 0 && Double.isFinite(alpha)) || !(beta >= 0 && Double.isFinite(beta))) {
            throw new FedSimException("fedprox-synthetic: alpha and beta must be finite numbers >= 0, were alpha = "
                    + alpha + ", beta = " + beta + ".");
        }
        if (devices < 1) {
            throw new FedSimException("fedprox-synthetic: devices must be >= 1, was " + devices + ".");
        }
        Device[] all = iid ? iidDevices(devices, rng) : heterogeneousDevices(alpha, beta, devices, rng);
        int trainTotal = 0;
        int testTotal = 0;
        for (Device device : all) {
            int trainLen = trainLength(device.samples());
            trainTotal += trainLen;
            testTotal += device.samples() - trainLen;
        }
        Builder train = new Builder(trainTotal);
        Builder test = new Builder(testTotal);
        double[] sd = new double[NUM_FEATURES];
        for (int j = 0; j < NUM_FEATURES; j++) {
            sd[j] = Math.sqrt(Math.pow(j + 1, -1.2));
        }
        double[] x = new double[NUM_FEATURES];
        for (int k = 0; k < devices; k++) {
            Device device = all[k];
            int trainLen = trainLength(device.samples());
            // The authors shuffle a device's samples before the split; they are i.i.d., so the split is the same in law.
            for (int i = 0; i < device.samples(); i++) {
                for (int j = 0; j < NUM_FEATURES; j++) {
                    x[j] = device.v()[j] + sd[j] * rng.nextGaussian();
                }
                (i < trainLen ? train : test).add(x, argmaxLogit(device, x), k);
            }
        }
        String name = iid ? "synthetic-iid" : "synthetic(" + alpha + "," + beta + ")";
        return new TrainTest(train.build(name + "-train"), test.build(name + "-test"));
    }

    /** int(0.9 n), computed in double as the authors' Python does. */
    static int trainLength(int samples) {
        return (int) (TRAIN_FRACTION * samples);
    }

    private static int drawSampleCount(Rng rng) {
        double size = Math.exp(rng.nextGaussian(4, 2));
        // exp of a > 8-sigma draw; astronomically rare, but an int overflow must not become a negative size.
        return (int) Math.min(size, Integer.MAX_VALUE / 2.0) + 50;
    }

    private static Device[] iidDevices(int devices, Rng rng) {
        int[] sizes = new int[devices];
        for (int k = 0; k < devices; k++) {
            sizes[k] = drawSampleCount(rng);
        }
        double[] w = gaussians(NUM_FEATURES * NUM_CLASSES, 0, rng);
        double[] b = gaussians(NUM_CLASSES, 0, rng);
        double[] v = new double[NUM_FEATURES];
        Device[] all = new Device[devices];
        for (int k = 0; k < devices; k++) {
            all[k] = new Device(sizes[k], w, b, v);
        }
        return all;
    }

    private static Device[] heterogeneousDevices(double alpha, double beta, int devices, Rng rng) {
        int[] sizes = new int[devices];
        double[] u = new double[devices];
        double[] bigB = new double[devices];
        for (int k = 0; k < devices; k++) {
            sizes[k] = drawSampleCount(rng);
            u[k] = rng.nextGaussian(0, alpha);
            bigB[k] = rng.nextGaussian(0, beta);
        }
        Device[] all = new Device[devices];
        for (int k = 0; k < devices; k++) {
            double[] v = gaussians(NUM_FEATURES, bigB[k], rng);
            double[] w = gaussians(NUM_FEATURES * NUM_CLASSES, u[k], rng);
            double[] b = gaussians(NUM_CLASSES, u[k], rng);
            all[k] = new Device(sizes[k], w, b, v);
        }
        return all;
    }

    private static double[] gaussians(int n, double mean, Rng rng) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextGaussian(mean, 1);
        }
        return values;
    }

    /** argmax of W^T x + b (softmax is monotone, so it does not change the argmax); ties go to the lower class. */
    private static int argmaxLogit(Device device, double[] x) {
        int best = 0;
        double bestLogit = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < NUM_CLASSES; c++) {
            double logit = device.b()[c];
            for (int j = 0; j < NUM_FEATURES; j++) {
                logit += x[j] * device.w()[j * NUM_CLASSES + c];
            }
            if (logit > bestLogit) {
                bestLogit = logit;
                best = c;
            }
        }
        return best;
    }

    /** Appends samples into preallocated arrays. */
    private static final class Builder {
        private final float[] features;
        private final int[] labels;
        private final int[] groups;
        private int size;

        Builder(int capacity) {
            features = new float[capacity * NUM_FEATURES];
            labels = new int[capacity];
            groups = new int[capacity];
        }

        void add(double[] x, int label, int group) {
            for (int j = 0; j < NUM_FEATURES; j++) {
                features[size * NUM_FEATURES + j] = (float) x[j];
            }
            labels[size] = label;
            groups[size] = group;
            size++;
        }

        Dataset build(String name) {
            return new Dataset(name, features, labels, NUM_FEATURES, NUM_CLASSES, groups);
        }
    }
}
