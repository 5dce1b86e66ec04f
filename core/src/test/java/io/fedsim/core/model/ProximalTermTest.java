package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fedsim.core.data.Dataset;
import io.fedsim.core.rng.Rng;
import org.junit.jupiter.api.Test;

class ProximalTermTest {

    @Test
    void addsMuTimesTheDistanceFromTheAnchorToTheGradient() {
        Mlp model = new Mlp(3, new int[] {4}, 2);
        Dataset data = new Dataset("d", new float[] {1, 2, 3, -1, 0, 2}, new int[] {0, 1}, 3, 2);
        float[] anchor = model.initialParameters(new Rng(1));
        float[] moved = anchor.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += 0.01f * (i % 7 - 3);
        }
        ModelWorkspace ws = model.newWorkspace(2);
        ws.setParameters(anchor);
        ws.setAnchor();
        ws.setParameters(moved);
        ws.computeGradient(data, new int[] {0, 1}, 0, 2);
        float[] plain = new float[model.numParameters()];
        ws.gradient(plain);
        ws.addProximalGradient(0.5f);
        float[] proximal = new float[model.numParameters()];
        ws.gradient(proximal);
        for (int i = 0; i < plain.length; i++) {
            assertThat(proximal[i]).isCloseTo(plain[i] + 0.5f * (moved[i] - anchor[i]), within(1e-6f));
        }
    }

    @Test
    void needsAnAnchor() {
        ModelWorkspace ws = new LogisticRegression(2, 2).newWorkspace(1);
        assertThatThrownBy(() -> ws.addProximalGradient(1f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setAnchor");
    }
}
