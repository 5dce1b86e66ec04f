package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.Evaluation;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.rng.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalTrainerTest {

    /** Three samples of two features: x = (1, 2) class 0, (3, -1) class 1, (0, 1) class 0. */
    private static final Dataset THREE = new Dataset("three", new float[] {1, 2, 3, -1, 0, 1}, new int[] {0, 1, 0}, 2, 2);

    @Test
    void oneFullBatchStepFromZeroIsMinusTheHandComputedGradient() {
        Model model = new LogisticRegression(2, 2);
        float[] global = new float[model.numParameters()];

        TrainResult result = LocalTrainer.train(model.newWorkspace(3), global, new Shard(THREE, new int[] {0, 1, 2}),
                new TrainingPlan(1, 0, 1.0f), new Rng(7));

        // At zero parameters the softmax is (1/2, 1/2), so dLoss/dlogits = p - onehot(y) per sample:
        // (-1/2, 1/2), (1/2, -1/2), (-1/2, 1/2); the gradient is the batch mean of x^T (p - y), and of (p - y) for b.
        // dW[0] = (1*(-1/2) + 3*(1/2) + 0*(-1/2)) / 3 = 1/3 for class 0, -1/3 for class 1
        // dW[1] = (2*(-1/2) - 1*(1/2) + 1*(-1/2)) / 3 = -2/3 for class 0, 2/3 for class 1
        // db = (-1/2 + 1/2 - 1/2) / 3 = -1/6 for class 0, 1/6 for class 1
        float[] gradient = {1f / 3, -1f / 3, -2f / 3, 2f / 3, -1f / 6, 1f / 6};
        for (int i = 0; i < gradient.length; i++) {
            assertThat(result.delta()[i]).as("delta[%d]", i).isCloseTo(-gradient[i], within(1e-6f));
        }
        assertThat(result.meanLoss()).isCloseTo(Math.log(2), within(1e-6));
        assertThat(result.numSamples()).isEqualTo(3);
        assertThat(result.steps()).isEqualTo(1);
        assertThat(global).containsOnly(0f);
    }

    @Test
    void everyEpochVisitsEveryShardSampleOnceInBatchesOfAtMostB() {
        Dataset data = gaussian(1, 60);
        int[] indices = new int[25];
        for (int i = 0; i < 25; i++) {
            indices[i] = 10 + 2 * i - i % 2; // rows 10, 11, 14, 15, ..., 58: not 0..24
        }
        Model model = new LogisticRegression(2, 2);
        RecordingWorkspace ws = new RecordingWorkspace(model.newWorkspace(10));

        TrainResult result = LocalTrainer.train(ws, new float[6], new Shard(data, indices), new TrainingPlan(3, 10, 0.1f),
                new Rng(3));

        assertThat(result.steps()).isEqualTo(9);
        assertThat(ws.batches).hasSize(9);
        assertThat(ws.batches.stream().mapToInt(b -> b.length)).containsExactly(10, 10, 5, 10, 10, 5, 10, 10, 5);
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        List<int[]> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            int[] epoch = concat(ws.batches.subList(3 * e, 3 * e + 3));
            epochs.add(epoch.clone());
            Arrays.sort(epoch);
            assertThat(epoch).as("epoch %d", e).containsExactly(sorted);
        }
        assertThat(epochs.get(0)).isNotEqualTo(epochs.get(1));
        assertThat(epochs.get(1)).isNotEqualTo(epochs.get(2));
        assertThat(indices).as("the shard's own index array is not shuffled").isSorted();
    }

    @Test
    void theSameSeedGivesIdenticalDeltasAndAnotherSeedAnotherOrder() {
        Dataset data = gaussian(2, 12);
        Shard shard = new Shard(data, range(12));
        Model model = new LogisticRegression(2, 2);
        TrainingPlan plan = new TrainingPlan(2, 3, 0.5f);
        float[] global = {0.1f, -0.2f, 0.3f, 0.05f, 0f, 0.1f};

        RecordingWorkspace first = new RecordingWorkspace(model.newWorkspace(3));
        RecordingWorkspace again = new RecordingWorkspace(model.newWorkspace(3));
        RecordingWorkspace other = new RecordingWorkspace(model.newWorkspace(3));
        TrainResult a = LocalTrainer.train(first, global, shard, plan, new Rng(11));
        TrainResult b = LocalTrainer.train(again, global, shard, plan, new Rng(11));
        TrainResult c = LocalTrainer.train(other, global, shard, plan, new Rng(12));

        assertThat(b.delta()).containsExactly(a.delta());
        assertThat(b.meanLoss()).isEqualTo(a.meanLoss());
        assertThat(concat(again.batches)).containsExactly(concat(first.batches));
        assertThat(concat(other.batches)).isNotEqualTo(concat(first.batches));
        assertThat(c.delta()).isNotEqualTo(a.delta());
    }

    @Test
    void aFullBatchDoesNotDependOnTheOrderBeyondRounding() {
        Shard shard = new Shard(gaussian(4, 12), range(12));
        Model model = new LogisticRegression(2, 2);
        TrainingPlan plan = new TrainingPlan(2, 0, 0.5f);

        TrainResult a = LocalTrainer.train(model.newWorkspace(12), new float[6], shard, plan, new Rng(1));
        TrainResult b = LocalTrainer.train(model.newWorkspace(12), new float[6], shard, plan, new Rng(2));

        for (int i = 0; i < 6; i++) {
            assertThat(b.delta()[i]).isCloseTo(a.delta()[i], within(1e-5f));
        }
        assertThat(a.delta()).as("training moved the model").isNotEqualTo(new float[6]);
    }

    @Test
    void anEmptyShardGivesAZeroDeltaAndNoSteps() {
        Model model = new LogisticRegression(2, 2);
        float[] global = {1, 2, 3, 4, 5, 6};

        TrainResult result = LocalTrainer.train(model.newWorkspace(1), global, new Shard(THREE, new int[0]),
                new TrainingPlan(3, 0, 1.0f), new Rng(5));

        assertThat(result.delta()).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(result.numSamples()).isZero();
        assertThat(result.steps()).isZero();
        assertThat(result.meanLoss()).isNaN();
    }

    /** {@code n} samples, two features, two classes, labels by the sign of a noisy first feature. */
    static Dataset gaussian(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) rng.nextGaussian();
            x[2 * i + 1] = (float) rng.nextGaussian();
            y[i] = x[2 * i] + 0.5 * rng.nextGaussian() > 0 ? 1 : 0;
        }
        return new Dataset("gaussian", x, y, 2, 2);
    }

    static int[] range(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static int[] concat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    /** A real workspace that also records the rows of every gradient it computes. */
    private static final class RecordingWorkspace implements ModelWorkspace {
        final List<int[]> batches = new ArrayList<>();
        private final ModelWorkspace inner;

        RecordingWorkspace(ModelWorkspace inner) {
            this.inner = inner;
        }

        @Override
        public double computeGradient(Dataset data, int[] rows, int from, int to) {
            batches.add(Arrays.copyOfRange(rows, from, to));
            return inner.computeGradient(data, rows, from, to);
        }

        @Override
        public Model model() {
            return inner.model();
        }

        @Override
        public int maxBatchSize() {
            return inner.maxBatchSize();
        }

        @Override
        public void setParameters(float[] params) {
            inner.setParameters(params);
        }

        @Override
        public void getParameters(float[] out) {
            inner.getParameters(out);
        }

        @Override
        public void gradient(float[] out) {
            inner.gradient(out);
        }

        @Override
        public void applyGradient(float learningRate) {
            inner.applyGradient(learningRate);
        }

        @Override
        public void setAnchor() {
            inner.setAnchor();
        }

        @Override
        public void addProximalGradient(float mu) {
            inner.addProximalGradient(mu);
        }

        @Override
        public void setGradientCorrection(float[] correction) {
            inner.setGradientCorrection(correction);
        }

        @Override
        public void addGradientCorrection() {
            inner.addGradientCorrection();
        }

        @Override
        public Evaluation evaluate(Dataset data, int[] rows) {
            return inner.evaluate(data, rows);
        }
    }
}
