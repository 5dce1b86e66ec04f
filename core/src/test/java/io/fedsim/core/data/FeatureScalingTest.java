package io.fedsim.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.core.FedSimException;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {
    // Train: feature 0 takes 1 and 3 (mean 2, std 1, range [1, 3]); feature 1 is constant 2.
    private final Dataset train = new Dataset("train", new float[] {1, 2, 3, 2}, new int[] {0, 1}, 2, 2,
            new int[] {7, 8});
    private final Dataset test = new Dataset("test", new float[] {5, 4}, new int[] {1}, 2, 2);
    private final TrainTest data = new TrainTest(train, test);

    @Test
    void standardizeUsesTrainStatisticsAndOnlyCentresConstantFeatures() {
        TrainTest scaled = FeatureScaling.STANDARDIZE.apply(data);
        assertThat(scaled.train().features()).containsExactly(-1, 0, 1, 0);
        assertThat(scaled.test().features()).containsExactly(3, 2);
        assertThat(scaled.train().group(1)).isEqualTo(8);
        assertThat(scaled.train().labels()).containsExactly(0, 1);
    }

    @Test
    void minmaxMapsTheTrainRangeToUnitInterval() {
        TrainTest scaled = FeatureScaling.MINMAX.apply(data);
        assertThat(scaled.train().features()).containsExactly(0, 0, 1, 0);
        assertThat(scaled.test().features()).containsExactly(2, 2);
    }

    @Test
    void unitDividesBy255AndNoneKeepsTheData() {
        Dataset pixels = new Dataset("p", new float[] {0, 51, 255}, new int[] {0, 0, 0}, 1, 1);
        TrainTest scaled = FeatureScaling.UNIT.apply(new TrainTest(pixels, pixels));
        assertThat(scaled.train().features()).containsExactly(0f, 0.2f, 1f);
        assertThat(FeatureScaling.NONE.apply(data)).isSameAs(data);
        assertThat(train.features()).containsExactly(1, 2, 3, 2); // inputs untouched
    }

    @Test
    void byNameAcceptsScenarioNamesAndListsThemOnError() {
        assertThat(FeatureScaling.byName("data.scaling", "minmax")).isEqualTo(FeatureScaling.MINMAX);
        assertThatThrownBy(() -> FeatureScaling.byName("data.scaling", "zscore"))
                .isInstanceOf(FedSimException.class)
                .hasMessage("data.scaling: unknown feature scaling 'zscore'; expected one of none, unit, standardize, "
                        + "minmax.");
    }
}
