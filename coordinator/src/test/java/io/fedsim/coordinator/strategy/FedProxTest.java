package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fedsim.client.LocalTrainer;
import io.fedsim.client.TrainingPlan;
import io.fedsim.core.data.Dataset;
import io.fedsim.core.data.Shard;
import io.fedsim.core.model.LogisticRegression;
import io.fedsim.core.privacy.Clipping;
import io.fedsim.core.rng.Rng;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FedProxTest {
    private static final TrainingPlan PLAN = new TrainingPlan(5, 4, 0.5f);

    @Test
    void tellsClientsTheProximalWeightAndAveragesLikeFedAvg() {
        FedProx prox = new FedProx(0.3, 1.0);
        assertThat(prox.clientPlan(4, PLAN).proximalMu()).isEqualTo(0.3f);
        assertThat(prox.clientPlan(4, PLAN).epochs()).isEqualTo(5);
        List<ClientResult> results = List.of(new ClientResult(0, new float[] {4, 0}, 1, 0),
                new ClientResult(1, new float[] {0, 8}, 3, 0));
        RoundOutcome.Aggregated a = (RoundOutcome.Aggregated) prox.aggregate(1, new float[] {1, 1}, results, List.of());
        assertThat(a.params()).containsExactly(2f, 7f);
        assertThatThrownBy(() -> new FedProx(-1, 1)).hasMessageContaining("mu must be >= 0");
    }

    private static Shard shard() {
        float[] x = new float[30 * 4];
        int[] y = new int[30];
        Rng rng = new Rng(3);
        for (int i = 0; i < 30; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (rng.nextGaussian() + (j == y[i] ? 2 : 0));
            }
        }
        return new Shard(new Dataset("s", x, y, 4, 3), IntStream.range(0, 30).toArray());
    }

    @Test
    void theProximalTermKeepsTheLocalModelCloserToTheGlobalOne() {
        LogisticRegression model = new LogisticRegression(4, 3);
        float[] global = new float[model.numParameters()];
        double[] norms = new double[3];
        float[] mus = {0f, 0.5f, 1.5f}; // lr * mu < 2: beyond it the pull overshoots and diverges
        for (int k = 0; k < mus.length; k++) {
            var ws = model.newWorkspace(4);
            float[] delta = LocalTrainer.train(ws, global, shard(), PLAN.withProximalMu(mus[k]), new Rng(9)).delta();
            norms[k] = Clipping.l2Norm(delta);
        }
        // mu = 0 is plain local SGD; a larger mu pulls harder towards the global model
        assertThat(norms[1]).isLessThan(norms[0]);
        assertThat(norms[2]).isLessThan(norms[1]);
        var ws = model.newWorkspace(4);
        assertThat(LocalTrainer.train(ws, global, shard(), PLAN.withProximalMu(0), new Rng(9)).delta())
                .containsExactly(LocalTrainer.train(ws, global, shard(), PLAN, new Rng(9)).delta());
    }
}
