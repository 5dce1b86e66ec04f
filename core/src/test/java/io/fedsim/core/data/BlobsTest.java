package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;

class BlobsTest {
    @Test
    void shapesAndBalancedLabels() {
        TrainTest data = Blobs.generate(103, 20, 7, 10, 1.0, 0.5, new Rng(1));
        assertThat(data.train().size()).isEqualTo(103);
        assertThat(data.train().numFeatures()).isEqualTo(7);
        assertThat(data.train().labelCounts()).containsExactly(11, 11, 11, 10, 10, 10, 10, 10, 10, 10);
        assertThat(data.test().labelCounts()).containsOnly(2);
    }

    @Test
    void withoutNoiseEverySampleIsItsClassCentreInTrainAndTest() {
        TrainTest data = Blobs.generate(30, 30, 5, 3, 1.0, 0.0, new Rng(2));
        float[][] centre = new float[3][];
        for (Dataset set : new Dataset[] {data.train(), data.test()}) {
            for (int i = 0; i < set.size(); i++) {
                float[] row = new float[5];
                set.copyRow(i, row, 0);
                if (centre[set.label(i)] == null) {
                    centre[set.label(i)] = row;
                }
                assertThat(row).containsExactly(centre[set.label(i)]);
            }
        }
        assertThat(centre[0]).isNotEqualTo(centre[1]);
    }

    @Test
    void noiseAndCentreSpreadHaveTheRequestedStandardDeviations() {
        int classes = 2;
        int d = 2000;
        TrainTest data = Blobs.generate(400, 10, d, classes, 0.5, 2.0, new Rng(3));
        Dataset train = data.train();
        double[][] mean = new double[classes][d];
        int[] counts = train.labelCounts();
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < d; j++) {
                mean[train.label(i)][j] += train.features()[i * d + j] / (double) counts[train.label(i)];
            }
        }
        double residual = 0;
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < d; j++) {
                double r = train.features()[i * d + j] - mean[train.label(i)][j];
                residual += r * r;
            }
        }
        assertThat(Math.sqrt(residual / (train.size() - classes) / d)).isCloseTo(2.0, within(0.02));
        double centres = 0;
        for (double[] m : mean) {
            for (double v : m) {
                centres += v * v;
            }
        }
        // Each estimated centre coordinate has variance 0.5^2 + 2^2 / 200.
        assertThat(centres / (classes * d)).isCloseTo(0.25 + 4.0 / 200, within(0.02));
    }

    @Test
    void sameSeedSameData() {
        TrainTest a = Blobs.generate(50, 10, 4, 3, 1, 1, new Rng(9));
        TrainTest b = Blobs.generate(50, 10, 4, 3, 1, 1, new Rng(9));
        assertThat(a.train().features()).containsExactly(b.train().features());
        assertThat(a.test().labels()).containsExactly(b.test().labels());
    }

    @Test
    void badParametersAreUserErrors() {
        assertThatThrownBy(() -> Blobs.generate(10, 10, 4, 1, 1, 1, new Rng(0)))
                .isInstanceOf(FedSimException.class).hasMessage("blobs: classes must be >= 2, was 1.");
        assertThatThrownBy(() -> Blobs.generate(10, 10, 4, 3, 1, -1, new Rng(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining("noise-std");
    }
}
