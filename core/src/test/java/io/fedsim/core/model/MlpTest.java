package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;

class MlpTest {
    private static final Mlp TWO_NN = new Mlp(784, new int[] {200, 200}, 10);

    @Test
    void twoNnHasTheParameterCountOfTheFedAvgPaper() {
        assertThat(TWO_NN.numParameters()).isEqualTo(199_210);
        assertThat(TWO_NN.describe()).isEqualTo("mlp 784-200-200-10 (199,210 parameters)");
        assertThat(TWO_NN.numFeatures()).isEqualTo(784);
        assertThat(TWO_NN.numClasses()).isEqualTo(10);
    }

    @Test
    void initialParametersAreUniformWithinOneOverSqrtFanInPerLayer() {
        float[] p = TWO_NN.initialParameters(new Rng(7));
        int[][] layers = {{784, 200}, {200, 200}, {200, 10}};
        int offset = 0;
        for (int[] layer : layers) {
            int count = layer[0] * layer[1] + layer[1];
            double bound = 1 / Math.sqrt(layer[0]);
            double sum = 0;
            double sumSq = 0;
            for (int i = offset; i < offset + count; i++) {
                assertThat(Math.abs(p[i])).isLessThanOrEqualTo((float) bound);
                sum += p[i];
                sumSq += (double) p[i] * p[i];
            }
            double mean = sum / count;
            double variance = sumSq / count - mean * mean;
            double expectedVariance = bound * bound / 3;
            // five standard errors: sd(mean) = sqrt(var / n); sd(var) = var * sqrt(0.8 / n) for a uniform
            assertThat(mean).isCloseTo(0, within(5 * Math.sqrt(expectedVariance / count)));
            assertThat(variance).isCloseTo(expectedVariance, within(5 * expectedVariance * Math.sqrt(0.8 / count)));
            offset += count;
        }
        assertThat(offset).isEqualTo(p.length);
    }

    @Test
    void sameSeedGivesIdenticalParametersAndAnotherSeedDoesNot() {
        assertThat(TWO_NN.initialParameters(new Rng(3))).containsExactly(TWO_NN.initialParameters(new Rng(3)));
        assertThat(TWO_NN.initialParameters(new Rng(3))).isNotEqualTo(TWO_NN.initialParameters(new Rng(4)));
    }

    @Test
    void parametersRoundTripThroughTheWorkspace() {
        Mlp model = new Mlp(6, new int[] {5}, 3);
        ModelWorkspace ws = model.newWorkspace(4);
        float[] params = model.initialParameters(new Rng(9));
        ws.setParameters(params);
        float[] back = new float[model.numParameters()];
        ws.getParameters(back);
        assertThat(back).containsExactly(params);
        assertThatThrownBy(() -> ws.setParameters(new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortBatchMatchesAWorkspaceSizedExactlyForIt() {
        Mlp model = new Mlp(7, new int[] {6, 5}, 4);
        Dataset data = TestData.gaussian(21, 20, 7, 4);
        float[] params = model.initialParameters(new Rng(22));
        int[] rows = new Rng(23).permutation(20);
        ModelWorkspace big = model.newWorkspace(8);
        ModelWorkspace exact = model.newWorkspace(3);
        big.setParameters(params);
        exact.setParameters(params);
        big.computeGradient(data, rows, 0, 8); // leaves other samples in the rows a short batch does not use
        double lossBig = big.computeGradient(data, rows, 8, 11);
        double lossExact = exact.computeGradient(data, rows, 8, 11);
        float[] gradBig = new float[model.numParameters()];
        float[] gradExact = new float[model.numParameters()];
        big.gradient(gradBig);
        exact.gradient(gradExact);
        assertThat(lossBig).isCloseTo(lossExact, within(1e-6));
        assertThat(gradBig).containsExactly(gradExact, within(1e-6f));
    }

    @Test
    void evaluateMatchesAPlainJavaReference() {
        Mlp model = new Mlp(5, new int[] {8, 6}, 4);
        int[] sizes = {5, 8, 6, 4};
        Dataset data = TestData.gaussian(31, 23, 5, 4);
        float[] params = model.initialParameters(new Rng(32));
        ModelWorkspace ws = model.newWorkspace(4); // 23 = 5 full batches and a short one
        ws.setParameters(params);
        int[] subset = {22, 3, 17, 3, 9, 0, 11};
        for (int[] rows : new int[][] {null, subset}) {
            int n = rows == null ? data.size() : rows.length;
            double lossSum = 0;
            long correct = 0;
            for (int k = 0; k < n; k++) {
                int row = rows == null ? k : rows[k];
                double[] logits = ReferenceDenseNet.logits(sizes, params, data.features(), row);
                lossSum += ReferenceDenseNet.loss(logits, data.label(row));
                correct += ReferenceDenseNet.argmax(logits) == data.label(row) ? 1 : 0;
            }
            Evaluation e = ws.evaluate(data, rows);
            assertThat(e.count()).isEqualTo(n);
            assertThat(e.lossSum()).isCloseTo(lossSum, within(1e-5 * n));
            assertThat(e.correct()).isEqualTo(correct);
        }
    }

    @Test
    void argmaxTiesGoToTheLowestClass() {
        // zero parameters: all logits equal, so every sample is predicted as class 0
        Mlp model = new Mlp(3, new int[] {2}, 3);
        Dataset data = new Dataset("ties", new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {0, 1, 2}, 3, 3);
        ModelWorkspace ws = model.newWorkspace(2);
        ws.setParameters(new float[model.numParameters()]);
        Evaluation e = ws.evaluate(data, null);
        assertThat(e.correct()).isEqualTo(1);
        assertThat(e.meanLoss()).isCloseTo(Math.log(3), within(1e-6));
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        LogisticRegression model = new LogisticRegression(1, 2);
        Dataset data = new Dataset("huge", new float[] {1}, new int[] {1}, 1, 2);
        ModelWorkspace ws = model.newWorkspace(1);
        ws.setParameters(new float[] {1000f, 0f, 0f, 0f}); // logits (1000, 0), label 1
        double loss = ws.computeGradient(data, new int[] {0}, 0, 1);
        float[] g = new float[4];
        ws.gradient(g);
        assertThat(loss).isCloseTo(1000, within(1e-3));
        assertThat(g).containsExactly(new float[] {1f, -1f, 1f, -1f}, within(1e-6f));
    }

    @Test
    void theFusedStepMatchesGradientThenUpdateToFloatRoundingAndLeavesTheGradientAlone() {
        for (Model model : new Model[] {new Mlp(7, new int[] {6, 5}, 4), new LogisticRegression(7, 4)}) {
            Dataset data = TestData.gaussian(31, 20, 7, 4);
            float[] params = model.initialParameters(new Rng(32));
            int[] rows = new Rng(33).permutation(20);
            ModelWorkspace fused = model.newWorkspace(5);
            ModelWorkspace plain = model.newWorkspace(5);
            fused.setParameters(params);
            plain.setParameters(params);
            fused.computeGradient(data, rows, 15, 20);
            float[] gradientBefore = new float[model.numParameters()];
            fused.gradient(gradientBefore);

            for (int from = 0; from < 15; from += 5) { // three steps: later ones start from updated weights
                double fusedLoss = fused.sgdStep(data, rows, from, from + 5, 0.3f);
                double plainLoss = plain.computeGradient(data, rows, from, from + 5);
                plain.applyGradient(0.3f);
                assertThat(fusedLoss).isCloseTo(plainLoss, within(1e-6));
            }
            float[] fusedParams = new float[model.numParameters()];
            float[] plainParams = new float[model.numParameters()];
            fused.getParameters(fusedParams);
            plain.getParameters(plainParams);
            assertThat(fusedParams).containsExactly(plainParams, within(1e-6f));
            assertThat(fusedParams).isNotEqualTo(params);
            float[] gradientAfter = new float[model.numParameters()];
            fused.gradient(gradientAfter);
            assertThat(gradientAfter).containsExactly(gradientBefore);
        }
    }
}
