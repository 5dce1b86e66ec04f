package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void aConstantScheduleKeepsTheBaseRateEveryRound() {
        assertThat(LearningRateSchedule.CONSTANT.rate(1, 0.1)).isEqualTo(0.1);
        assertThat(LearningRateSchedule.CONSTANT.rate(500, 0.1)).isEqualTo(0.1);
    }

    @Test
    void exponentialDecayStartsAtTheBaseRateAndMultipliesByDecayEachRound() {
        LearningRateSchedule halving = LearningRateSchedule.exponential(0.5);
        assertThat(halving.rate(1, 0.8)).isEqualTo(0.8);
        assertThat(halving.rate(2, 0.8)).isEqualTo(0.4);
        assertThat(halving.rate(3, 0.8)).isEqualTo(0.2);
        assertThat(halving.rate(11, 1.0)).isEqualTo(1.0 / 1024);
        assertThat(LearningRateSchedule.exponential(0.99).rate(3, 0.1)).isEqualTo(0.1 * Math.pow(0.99, 2));
        assertThat(LearningRateSchedule.exponential(1.0).rate(100, 0.3)).isEqualTo(0.3);
    }

    @Test
    void applyChangesOnlyTheLearningRateOfThePlan() {
        TrainingPlan plan = new TrainingPlan(3, 16, 0.8f, 0.01f, Optional.of(new TrainingPlan.LocalDp(1.0, 0.5)));
        TrainingPlan third = LearningRateSchedule.exponential(0.5).apply(3, plan);
        assertThat(third).isEqualTo(new TrainingPlan(3, 16, 0.2f, 0.01f, plan.localDp()));
        assertThat(LearningRateSchedule.CONSTANT.apply(3, plan)).isSameAs(plan);
    }

    @Test
    void aDecayOutsideTheUnitIntervalOrARoundBeforeTheFirstIsRefused() {
        assertThatThrownBy(() -> LearningRateSchedule.exponential(0)).hasMessageContaining("(0, 1], was 0.0");
        assertThatThrownBy(() -> LearningRateSchedule.exponential(1.01)).hasMessageContaining("was 1.01");
        assertThatThrownBy(() -> LearningRateSchedule.exponential(Double.NaN)).hasMessageContaining("was NaN");
        assertThatThrownBy(() -> LearningRateSchedule.CONSTANT.rate(0, 0.1)).hasMessageContaining("from 1");
    }
}
