package io.fedsim.core.model;

import java.nio.FloatBuffer;

/**
 * Softmax cross-entropy kernels over row-major logits held in a direct buffer, shared by every model. They
 * run as plain Java loops: a batch holds only a few hundred logits, far less work than one ND4J op's fixed
 * cost. Softmax subtracts each row's maximum first, so large logits cannot overflow.
 */
final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * Writes d(mean loss)/d(logits) = (softmax - onehot) / batch into {@code gradient} (same layout as
     * {@code logits}, which is left unchanged).
     *
     * @return the summed (not mean) loss of the batch
     */
    static double lossAndGradient(FloatBuffer logits, FloatBuffer gradient, int[] labels, int batch, int classes) {
        double lossSum = 0;
        double invBatch = 1.0 / batch;
        for (int i = 0; i < batch; i++) {
            int row = i * classes;
            float max = rowMax(logits, row, classes);
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                double e = Math.exp(logits.get(row + j) - max);
                gradient.put(row + j, (float) e);
                sum += e;
            }
            int label = labels[i];
            lossSum += Math.log(sum) - (logits.get(row + label) - max);
            double scale = invBatch / sum;
            for (int j = 0; j < classes; j++) {
                double g = gradient.get(row + j) * scale - (j == label ? invBatch : 0);
                gradient.put(row + j, (float) g);
            }
        }
        return lossSum;
    }

    /** The summed loss of rows {@code [0, batch)}: per row, log-sum-exp(logits) - logits[label]. */
    static double lossSum(FloatBuffer logits, int[] labels, int batch, int classes) {
        double lossSum = 0;
        for (int i = 0; i < batch; i++) {
            int row = i * classes;
            float max = rowMax(logits, row, classes);
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits.get(row + j) - max);
            }
            lossSum += Math.log(sum) - (logits.get(row + labels[i]) - max);
        }
        return lossSum;
    }

    /** How many rows of {@code [0, batch)} have their label as argmax (ties go to the lowest index). */
    static int correctCount(FloatBuffer logits, int[] labels, int batch, int classes) {
        int correct = 0;
        for (int i = 0; i < batch; i++) {
            if (argmax(logits, i * classes, classes) == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** Index (relative to {@code row}) of the largest of {@code classes} values; the first one on ties. */
    static int argmax(FloatBuffer values, int row, int classes) {
        int best = 0;
        float bestValue = values.get(row);
        for (int j = 1; j < classes; j++) {
            float v = values.get(row + j);
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }

    private static float rowMax(FloatBuffer values, int row, int classes) {
        float max = values.get(row);
        for (int j = 1; j < classes; j++) {
            max = Math.max(max, values.get(row + j));
        }
        return max;
    }
}
