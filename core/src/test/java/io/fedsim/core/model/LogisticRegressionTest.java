package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** x1 = (1, 2) with label 0, x2 = (3, -1) with label 2; three classes. */
    private static final Dataset TWO_SAMPLES =
            new Dataset("two", new float[] {1, 2, 3, -1}, new int[] {0, 2}, 2, 3);

    @Test
    void describesItselfAndCountsParameters() {
        LogisticRegression model = new LogisticRegression(784, 10);
        assertThat(model.numParameters()).isEqualTo(7850);
        assertThat(model.describe()).isEqualTo("logistic regression 784-10 (7,850 parameters)");
        assertThat(model.initialParameters(new Rng(1))).containsOnly(0f);
    }

    @Test
    void atZeroParametersLossIsLnCAndGradientIsXTransposeTimesUniformMinusOneHot() {
        ModelWorkspace ws = new LogisticRegression(2, 3).newWorkspace(2);
        ws.setParameters(new float[9]);
        double loss = ws.computeGradient(TWO_SAMPLES, new int[] {0, 1}, 0, 2);
        assertThat(loss).isCloseTo(Math.log(3), within(1e-6));

        // g = (1/3 - onehot) / 2: row 1 = (-1/3, 1/6, 1/6), row 2 = (1/6, 1/6, -1/3).
        // dW = x^T g: row 0 = 1 * g1 + 3 * g2, row 1 = 2 * g1 - g2; db = g1 + g2.
        float[] expected = {
            1f / 6, 2f / 3, -5f / 6,
            -5f / 6, 1f / 6, 2f / 3,
            -1f / 6, 1f / 3, -1f / 6};
        float[] gradient = new float[9];
        ws.gradient(gradient);
        assertThat(gradient).containsExactly(expected, within(1e-6f));
    }

    @Test
    void oneSgdStepWithLearningRateOneGivesTheHandComputedParametersAndLoss() {
        ModelWorkspace ws = new LogisticRegression(2, 3).newWorkspace(2);
        ws.setParameters(new float[9]);
        double lossBefore = ws.sgdStep(TWO_SAMPLES, new int[] {0, 1}, 0, 2, 1.0f);
        assertThat(lossBefore).isCloseTo(Math.log(3), within(1e-6));

        float[] params = new float[9];
        ws.getParameters(params);
        assertThat(params).containsExactly(new float[] {
            -1f / 6, -2f / 3, 5f / 6,
            5f / 6, -1f / 6, -2f / 3,
            1f / 6, -1f / 3, 1f / 6}, within(1e-6f));

        // logits: x1 W + b = (5/3, -4/3, -1/3), x2 W + b = (-7/6, -13/6, 10/3)
        double loss1 = Math.log(Math.exp(5.0 / 3) + Math.exp(-4.0 / 3) + Math.exp(-1.0 / 3)) - 5.0 / 3;
        double loss2 = Math.log(Math.exp(-7.0 / 6) + Math.exp(-13.0 / 6) + Math.exp(10.0 / 3)) - 10.0 / 3;
        Evaluation after = ws.evaluate(TWO_SAMPLES, null);
        assertThat(after.lossSum()).isCloseTo(loss1 + loss2, within(1e-5));
        assertThat(after.correct()).isEqualTo(2);
        assertThat(ws.computeGradient(TWO_SAMPLES, new int[] {0, 1}, 0, 2))
                .isCloseTo((loss1 + loss2) / 2, within(1e-6));
    }

    @Test
    void sgdReachesHighAccuracyOnLinearlySeparableBlobs() {
        int classes = 3;
        int features = 4;
        int n = 300;
        Rng rng = new Rng(2024);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int f = 0; f < features; f++) {
                double centre = f == y[i] ? 3 : 0;
                x[i * features + f] = (float) (centre + 0.5 * rng.nextGaussian());
            }
        }
        Dataset data = new Dataset("blobs", x, y, features, classes);
        LogisticRegression model = new LogisticRegression(features, classes);
        ModelWorkspace ws = model.newWorkspace(10);
        ws.setParameters(model.initialParameters(rng));
        double firstLoss = ws.evaluate(data, null).meanLoss();
        for (int epoch = 0; epoch < 5; epoch++) {
            int[] order = rng.permutation(n);
            for (int from = 0; from < n; from += 10) {
                ws.sgdStep(data, order, from, Math.min(n, from + 10), 0.1f);
            }
        }
        Evaluation end = ws.evaluate(data, null);
        assertThat(end.accuracy()).isGreaterThan(0.95);
        assertThat(end.meanLoss()).isLessThan(firstLoss / 4);
    }
}
