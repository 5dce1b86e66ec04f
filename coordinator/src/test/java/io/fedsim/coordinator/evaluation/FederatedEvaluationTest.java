package io.fedsim.coordinator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FederatedEvaluationTest {

    @Test
    void dueEveryNRoundsAndAfterTheLast() {
        FederatedEvaluation every5 = new FederatedEvaluation(5, 1.0);
        assertThat(every5.dueAfter(4, false)).isFalse();
        assertThat(every5.dueAfter(5, false)).isTrue();
        assertThat(every5.dueAfter(7, true)).isTrue();
        assertThat(FederatedEvaluation.OFF.dueAfter(5, true)).isFalse();
    }

    @Test
    void theWholePopulationAtFractionOneAndASeededSubsetBelow() {
        assertThat(new FederatedEvaluation(1, 1.0).cohort(3, 1, 5)).containsExactly(0, 1, 2, 3, 4);
        FederatedEvaluation quarter = new FederatedEvaluation(1, 0.25);
        int[] a = quarter.cohort(3, 2, 40);
        assertThat(a).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(quarter.cohort(3, 2, 40)).containsExactly(a);
        assertThat(quarter.cohort(3, 3, 40)).isNotEqualTo(a);
        assertThat(new FederatedEvaluation(1, 0.01).cohort(3, 1, 10)).hasSize(1);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new FederatedEvaluation(-1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FederatedEvaluation(1, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
