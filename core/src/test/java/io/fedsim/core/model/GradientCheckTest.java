package io.fedsim.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedsim.core.data.Dataset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analytic gradient against central finite differences of the workspace's own float32 loss, for every
 * parameter of a tiny network. Float32 logits carry ~1e-7 relative error, so the step must be large
 * (eps = 1e-2: the difference quotient's rounding error is then ~1e-5) while the truncation error
 * O(eps^2) stays ~1e-4; the tolerance (measured worst: ~5e-6) sits above both and far below what a real bug (a missing ReLU mask,
 * a dropped 1/B, a wrong bias gradient) produces, which is an error of the gradient's own size.
 */
class GradientCheckTest {
    private static final float EPS = 1e-2f;
    private static final double ABS_TOL = 1e-4;
    private static final double REL_TOL = 1e-3;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(new LogisticRegression(5, 3), 11L),
                Arguments.of(new Mlp(5, new int[] {4, 3}, 3), 12L),
                Arguments.of(new Mlp(5, new int[] {6}, 4), 13L));
    }

    @ParameterizedTest
    @MethodSource("models")
    void analyticGradientMatchesCentralDifferences(Model model, long seed) {
        Dataset data = TestData.gaussian(seed, 4, model.numFeatures(), model.numClasses());
        int[] rows = TestData.range(4);
        float[] params = TestData.randomParameters(seed + 100, model.numParameters(), 0.7);
        ModelWorkspace ws = model.newWorkspace(4);
        ws.setParameters(params);
        ws.computeGradient(data, rows, 0, 4);
        float[] analytic = new float[model.numParameters()];
        ws.gradient(analytic);

        for (int j = 0; j < params.length; j++) {
            float original = params[j];
            float plus = original + EPS;
            float minus = original - EPS;
            params[j] = plus;
            ws.setParameters(params);
            double lossPlus = ws.computeGradient(data, rows, 0, 4);
            params[j] = minus;
            ws.setParameters(params);
            double lossMinus = ws.computeGradient(data, rows, 0, 4);
            params[j] = original;
            double numeric = (lossPlus - lossMinus) / ((double) plus - minus);
            double excess = Math.abs(numeric - analytic[j]) - (ABS_TOL + REL_TOL * Math.abs(numeric));
            assertThat(excess).as("%s parameter %d: numeric %s, analytic %s", model, j, numeric, analytic[j])
                    .isLessThanOrEqualTo(0);
        }
    }
}
