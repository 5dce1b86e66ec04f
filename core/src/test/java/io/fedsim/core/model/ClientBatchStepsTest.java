package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.data.Dataset;
import java.util.Arrays;
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

    /** The shared first step of k clients, and each client's own first step from the same global model. */
    private void sharedFirstStep(int k, float[][] got, double[] loss, float[][] expected, double[][] expectedLoss) {
        float[] global = TestData.randomParameters(7, model.numParameters(), 0.08);
        float[][] start = new float[k][];
        Arrays.fill(start, global);
        int[][] rows = rowsPerClient(k);
        float[][] own = perClient(start, rows, 1, expectedLoss);
        System.arraycopy(own, 0, expected, 0, k);
        ClientBatchSteps batched = new ClientBatchSteps(model, k, BATCH);
        for (int c = 0; c < k; c++) {
            batched.setParameters(c, global);
        }
        batched.sharedFirstSteps(data, rows, new int[k], LR, loss);
        for (int c = 0; c < k; c++) {
            got[c] = new float[model.numParameters()];
            batched.getParameters(c, got[c]);
        }
    }

    /**
     * Two clients: every shared product (at most 20 columns) runs on the same OpenBLAS kernel as a client's
     * own, so the result is the same to the bit.
     */
    @Test
    void sharedFirstStepOfTwoClientsEqualsTheirOwnFirstStepsToTheBit() {
        int k = 2;
        float[][] got = new float[k][];
        float[][] expected = new float[k][];
        double[] loss = new double[k];
        double[][] expectedLoss = new double[k][1];
        sharedFirstStep(k, got, loss, expected, expectedLoss);
        for (int c = 0; c < k; c++) {
            assertThat(loss[c]).as("client %d", c).isEqualTo(expectedLoss[c][0]);
            assertThat(got[c]).as("client %d", c).isEqualTo(expected[c]);
        }
    }

    /**
     * More clients: with OpenBLAS's SkylakeX kernels (what ./fedsim selects on AVX-512 machines) the shared
     * 200 x 200 forward product of 30 or more columns leaves the small-matrix kernel (used up to 10^6
     * multiply-adds, so for a client's own 200 x 200 x 10) for the packed one, which sums in another order:
     * the results agree to float rounding, not to the bit. With the generic kernels they agree to the bit.
     */
    @Test
    void sharedFirstStepOfMoreClientsAgreesWithTheirOwnFirstStepsToRounding() {
        for (int k : new int[] {4, 8}) {
            float[][] got = new float[k][];
            float[][] expected = new float[k][];
            double[] loss = new double[k];
            double[][] expectedLoss = new double[k][1];
            sharedFirstStep(k, got, loss, expected, expectedLoss);
            for (int c = 0; c < k; c++) {
                assertThat(loss[c]).as("k=%d client %d", k, c).isCloseTo(expectedLoss[c][0], within(1e-6));
                for (int i = 0; i < got[c].length; i++) {
                    if (Math.abs(got[c][i] - expected[c][i]) > 1e-6f) {
                        throw new AssertionError("k=" + k + " client " + c + " parameter " + i + ": " + got[c][i]
                                + " against " + expected[c][i]);
                    }
                }
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
