package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Batched client steps give every client, to the bit, the parameters and loss its own workspace's fused step
 * gives it. The 2NN's real shape (784-200-200-10, B = 10) is used because whether OpenBLAS computes a column
 * the same way in a wider product depends on the shapes.
 */
class ClientBatchStepsTest {
    private static final int BATCH = 10;
    private static final float LR = 0.05f;
    private final Mlp model = new Mlp(784, new int[] {200, 200}, 10);
    private final Dataset data = TestData.gaussian(5, 200, 784, 10);

    /** Client c reads rows c, c + k, c + 2k, ...: different data per client. */
    private int[][] rowsPerClient(int k) {
        int per = data.size() / k;
        int[][] rows = new int[k][per];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < per; i++) {
                rows[c][i] = c + i * k;
            }
        }
        return rows;
    }

    /** Each client alone: its own workspace, {@code steps} fused steps from its own start. */
    private float[][] perClient(float[][] start, int[][] rows, int steps, double[][] losses) {
        int k = start.length;
        float[][] out = new float[k][model.numParameters()];
        for (int c = 0; c < k; c++) {
            ModelWorkspace ws = model.newWorkspace(BATCH);
            ws.setParameters(start[c]);
            for (int s = 0; s < steps; s++) {
                losses[c][s] = ws.sgdStep(data, rows[c], s * BATCH, (s + 1) * BATCH, LR);
            }
            ws.getParameters(out[c]);
        }
        return out;
    }

    @Test
    void interleavedStepsEqualEachClientsOwnStepsToTheBit() {
        int k = 3;
        int steps = 4;
        float[][] start = new float[k][];
        for (int c = 0; c < k; c++) {
            start[c] = TestData.randomParameters(100 + c, model.numParameters(), 0.08);
        }
        int[][] rows = rowsPerClient(k);
        double[][] expectedLoss = new double[k][steps];
        float[][] expected = perClient(start, rows, steps, expectedLoss);

        ClientBatchSteps batched = new ClientBatchSteps(model, k, BATCH);
        for (int c = 0; c < k; c++) {
            batched.setParameters(c, start[c]);
        }
        double[] loss = new double[k];
        for (int s = 0; s < steps; s++) {
            batched.interleavedSteps(data, rows, new int[] {s * BATCH, s * BATCH, s * BATCH}, LR, loss);
            for (int c = 0; c < k; c++) {
                assertThat(loss[c]).as("client %d step %d", c, s).isEqualTo(expectedLoss[c][s]);
            }
        }
        for (int c = 0; c < k; c++) {
            float[] got = new float[model.numParameters()];
            batched.getParameters(c, got);
            assertThat(got).as("client %d", c).isEqualTo(expected[c]);
            assertThat(got).isNotEqualTo(start[c]);
        }
    }

    @Test
    void sharedFirstStepEqualsEachClientsOwnFirstStepToTheBit() {
        for (int k : new int[] {2, 4, 8}) {
            float[] global = TestData.randomParameters(7, model.numParameters(), 0.08);
            float[][] start = new float[k][];
            for (int c = 0; c < k; c++) {
                start[c] = global;
            }
            int[][] rows = rowsPerClient(k);
            double[][] expectedLoss = new double[k][1];
            float[][] expected = perClient(start, rows, 1, expectedLoss);

            ClientBatchSteps batched = new ClientBatchSteps(model, k, BATCH);
            for (int c = 0; c < k; c++) {
                batched.setParameters(c, global);
            }
            double[] loss = new double[k];
            batched.sharedFirstSteps(data, rows, new int[k], LR, loss);
            for (int c = 0; c < k; c++) {
                float[] got = new float[model.numParameters()];
                batched.getParameters(c, got);
                assertThat(loss[c]).as("k=%d client %d", k, c).isEqualTo(expectedLoss[c][0]);
                assertThat(got).as("k=%d client %d", k, c).isEqualTo(expected[c]);
            }
        }
    }

    @Test
    void rejectsRowsForTheWrongNumberOfClients() {
        ClientBatchSteps batched = new ClientBatchSteps(model, 2, BATCH);
        assertThatThrownBy(() -> batched.interleavedSteps(data, rowsPerClient(3), new int[3], LR, new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 clients");
    }
}
