package io.fedsim.core.model;

/**
 * A deliberately naive double-precision forward pass over the same parameter layout as the ND4J models,
 * written independently of them, for checking their outputs.
 */
final class ReferenceDenseNet {

    private ReferenceDenseNet() {
    }

    /** Logits of one sample: per layer z = h W + b, ReLU on all but the last. */
    static double[] logits(int[] sizes, float[] params, float[] features, int row) {
        double[] h = new double[sizes[0]];
        for (int i = 0; i < sizes[0]; i++) {
            h[i] = features[row * sizes[0] + i];
        }
        int offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] z = new double[out];
            for (int j = 0; j < out; j++) {
                double s = params[offset + in * out + j];
                for (int i = 0; i < in; i++) {
                    s += h[i] * params[offset + i * out + j];
                }
                z[j] = l + 2 < sizes.length ? Math.max(0, s) : s;
            }
            offset += in * out + out;
            h = z;
        }
        return h;
    }

    /** -log softmax(logits)[label], computed stably. */
    static double loss(double[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - logits[label];
    }

    /** Index of the largest logit, the first on ties. */
    static int argmax(double[] logits) {
        int best = 0;
        for (int j = 1; j < logits.length; j++) {
            if (logits[j] > logits[best]) {
                best = j;
            }
        }
        return best;
    }
}
