package io.fedsim.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.model.Model;
import io.fedsim.core.model.ModelWorkspace;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;

/** F_k(w_t), the global model's loss on the client's shard before training, as q-FedAvg asks for it. */
class GlobalLossTest {
    private static final Model MODEL = new LogisticRegression(2, 2);
    private static final Dataset DATA = LocalTrainerTest.gaussian(5, 40);
    private static final Shard SHARD = new Shard(DATA, new int[] {3, 7, 8, 12, 20, 21, 30, 33, 39});
    private static final float[] GLOBAL = {0.4f, -0.3f, 1.2f, 0.1f, -0.05f, 0.2f};
    private static final TrainingPlan PLAN = new TrainingPlan(2, 4, 0.3f);

    @Test
    void isTheWorkspacesEvaluationOfTheGlobalParametersOnTheWholeShardWhenAsked() {
        ModelWorkspace reference = MODEL.newWorkspace(4);
        reference.setParameters(GLOBAL);
        double expected = reference.evaluate(DATA, SHARD.indices()).meanLoss();

        TrainResult result = LocalTrainer.train(MODEL.newWorkspace(4), GLOBAL, SHARD, PLAN.withReportGlobalLoss(true),
                new Rng(9));

        assertThat(expected).isPositive();
        assertThat(result.globalLoss()).isEqualTo(expected);
        assertThat(GLOBAL).containsExactly(0.4f, -0.3f, 1.2f, 0.1f, -0.05f, 0.2f);
    }

    @Test
    void isNaNWhenNotAskedAndAskingDoesNotChangeTraining() {
        TrainResult plain = LocalTrainer.train(MODEL.newWorkspace(4), GLOBAL, SHARD, PLAN, new Rng(9));
        TrainResult asked = LocalTrainer.train(MODEL.newWorkspace(4), GLOBAL, SHARD, PLAN.withReportGlobalLoss(true),
                new Rng(9));

        assertThat(PLAN.reportGlobalLoss()).isFalse();
        assertThat(plain.globalLoss()).isNaN();
        assertThat(asked.delta()).containsExactly(plain.delta());
        assertThat(asked.meanLoss()).isEqualTo(plain.meanLoss());
        assertThat(asked.steps()).isEqualTo(plain.steps()).isEqualTo(6);
    }

    @Test
    void theFlagSurvivesTheOtherPlanTransformations() {
        assertThat(PLAN.withReportGlobalLoss(true).withProximalMu(0.1).reportGlobalLoss()).isTrue();
        assertThat(new TrainingPlan(1, 0, 1f, 0f, java.util.Optional.empty()).reportGlobalLoss()).isFalse();
    }
}
