package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.FedSimException;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;

class FedProxSyntheticTest {
    @Test
    void trainLengthIsIntOfNinetyPercentAsInTheAuthorsCode() {
        assertThat(FedProxSynthetic.trainLength(50)).isEqualTo(45);
        assertThat(FedProxSynthetic.trainLength(59)).isEqualTo(53);
        assertThat(FedProxSynthetic.trainLength(100)).isEqualTo(90);
        assertThat(FedProxSynthetic.trainLength(1234)).isEqualTo(1110);
    }

    @Test
    void everyDeviceSplitsNinetyTenWithGroupsInBothSets() {
        TrainTest data = FedProxSynthetic.generate(1, 1, false, 30, new Rng(5));
        int[] train = groupSizes(data.train(), 30);
        int[] test = groupSizes(data.test(), 30);
        for (int k = 0; k < 30; k++) {
            int total = train[k] + test[k];
            assertThat(total).isGreaterThanOrEqualTo(50);
            assertThat(train[k]).isEqualTo(FedProxSynthetic.trainLength(total));
        }
        assertThat(data.train().numFeatures()).isEqualTo(60);
        assertThat(data.train().numClasses()).isEqualTo(10);
        // Groups are contiguous device blocks in ascending order.
        for (int i = 1; i < data.train().size(); i++) {
            assertThat(data.train().group(i)).isGreaterThanOrEqualTo(data.train().group(i - 1));
        }
    }

    @Test
    void samplesPerDeviceFollowLognormalFourTwoPlusFifty() {
        TrainTest data = FedProxSynthetic.generate(0, 0, true, 400, new Rng(6));
        int[] sizes = new int[400];
        addGroupSizes(data.train(), sizes);
        addGroupSizes(data.test(), sizes);
        // log(n - 50) ~ N(4, 2) up to the int truncation; compare the median, robust to the truncation.
        int[] sorted = java.util.Arrays.stream(sizes).map(s -> s - 50).sorted().toArray();
        double median = (sorted[199] + sorted[200]) / 2.0;
        assertThat(Math.log(median)).isCloseTo(4.0, within(0.3));
    }

    @Test
    void iidInputsHaveMeanZeroAndVarianceJToTheMinusOnePointTwo() {
        TrainTest data = FedProxSynthetic.generate(0, 0, true, 100, new Rng(7));
        Dataset train = data.train();
        int n = train.size();
        for (int j : new int[] {0, 1, 9, 59}) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double x = train.features()[i * 60 + j];
                sum += x;
                squares += x * x;
            }
            double expectedVariance = Math.pow(j + 1, -1.2);
            assertThat(sum / n).isCloseTo(0, within(5 * Math.sqrt(expectedVariance / n)));
            assertThat(squares / n).isCloseTo(expectedVariance, within(0.05 * expectedVariance));
        }
    }

    @Test
    void betaSpreadsTheDeviceInputMeans() {
        // Per-device mean of feature 1 is N(B_k, 1) with B_k ~ N(0, beta): variance 1 + beta^2 across devices.
        assertThat(deviceMeanVariance(FedProxSynthetic.generate(0, 2, false, 300, new Rng(8)).train()))
                .isCloseTo(5.0, within(1.0));
        assertThat(deviceMeanVariance(FedProxSynthetic.generate(0, 0, true, 300, new Rng(8)).train()))
                .isLessThan(0.1);
    }

    @Test
    void sameSeedSameData() {
        TrainTest a = FedProxSynthetic.generate(0.5, 0.5, false, 5, new Rng(11));
        TrainTest b = FedProxSynthetic.generate(0.5, 0.5, false, 5, new Rng(11));
        assertThat(a.train().features()).containsExactly(b.train().features());
        assertThat(a.test().labels()).containsExactly(b.test().labels());
    }

    @Test
    void badParametersAreUserErrors() {
        assertThatThrownBy(() -> FedProxSynthetic.generate(-1, 0, false, 30, new Rng(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining("alpha = -1.0");
        assertThatThrownBy(() -> FedProxSynthetic.generate(0, 0, false, 0, new Rng(0)))
                .isInstanceOf(FedSimException.class).hasMessageContaining("devices must be >= 1, was 0");
    }

    private static double deviceMeanVariance(Dataset train) {
        int devices = 300;
        double[] sum = new double[devices];
        int[] count = new int[devices];
        for (int i = 0; i < train.size(); i++) {
            sum[train.group(i)] += train.features()[i * 60];
            count[train.group(i)]++;
        }
        double mean = 0;
        double squares = 0;
        for (int k = 0; k < devices; k++) {
            double m = sum[k] / count[k];
            mean += m / devices;
            squares += m * m / devices;
        }
        return squares - mean * mean;
    }

    private static int[] groupSizes(Dataset data, int groups) {
        int[] sizes = new int[groups];
        addGroupSizes(data, sizes);
        return sizes;
    }

    private static void addGroupSizes(Dataset data, int[] sizes) {
        for (int i = 0; i < data.size(); i++) {
            sizes[data.group(i)]++;
        }
    }
}
