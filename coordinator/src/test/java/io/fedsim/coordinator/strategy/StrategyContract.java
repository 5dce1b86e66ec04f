package io.fedsim.coordinator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedsim.core.rng.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Strategy} promises, as tests a strategy's own test class inherits: extend this class,
 * implement {@link #newStrategy()}, and the rules of docs/strategies.md are checked on small random rounds
 * drawn from a fixed seed. Published in the {@code fedsim-coordinator} test-jar.
 *
 * <pre>{@code
 * class MyRuleContractTest extends StrategyContract {
 *     protected Strategy newStrategy() { return new MyRule(1.0); }
 * }
 * }</pre>
 */
public abstract class StrategyContract {
    private static final long SEED = 20_240_611L;
    private static final int DIMENSION = 8;
    private static final int CLIENT_IDS = 20;

    /** A fresh strategy, configured as a run would configure it; called once per instance the tests need. */
    protected abstract Strategy newStrategy();

    /** The cohort size of the contract's rounds; raise it for rules that need more updates (krum: n > 2f + 2). */
    protected int minimumClients() {
        return 5;
    }

    /**
     * Whether the rule's maths ignores the order of the results (up to float rounding). A rule that does not,
     * e.g. one that favours the first reply, overrides this to return false and says why in its comment.
     */
    protected boolean orderIndependent() {
        return true;
    }

    /** How far params may move when the same results come in another order: float sums are not associative. */
    protected float orderTolerance() {
        return 1e-5f;
    }

    @Test
    void nameIsNotBlank() {
        assertThat(newStrategy().name()).as("name() is what scenarios select the strategy by").isNotBlank();
    }

    @Test
    void twoFreshInstancesGivenTheSameRoundsGiveBitIdenticalParams() {
        Strategy first = newStrategy();
        Strategy second = newStrategy();
        float[] a = initialGlobal();
        float[] b = initialGlobal();
        for (int r = 1; r <= 3; r++) {
            a = params(first, r, a, results(r));
            b = params(second, r, b, results(r));
            assertThat(b).as("round %d of a second fresh instance: the same rounds must give the same model", r)
                    .containsExactly(a);
        }
    }

    @Test
    void aggregatedParamsAreANewFiniteArrayOfTheGlobalsLength() {
        float[] global = initialGlobal();
        float[] next = params(newStrategy(), 1, global, results(1));
        assertThat(next).as("the new global model must be a new array, not the one passed in").isNotSameAs(global);
        assertThat(next.length).as("the new global model's length").isEqualTo(global.length);
        for (float v : next) {
            assertThat(Float.isFinite(v)).as("every new parameter must be finite, got %s", v).isTrue();
        }
    }

    @Test
    void theSameResultsInAnotherOrderGiveTheSameParams() {
        assumeTrue(orderIndependent(), "this strategy declares that the order of the results matters");
        Strategy inOrder = newStrategy();
        Strategy shuffled = newStrategy();
        float[] a = initialGlobal();
        float[] b = initialGlobal();
        for (int r = 1; r <= 3; r++) {
            List<ClientResult> results = results(r);
            List<ClientResult> reordered = new ArrayList<>(results);
            Collections.reverse(reordered);
            Collections.rotate(reordered, r + 1); // round r puts the r-th result (from 0) first: never the in-order first
            a = params(inOrder, r, a, results);
            b = params(shuffled, r, b, reordered);
            assertThat(b).as("round %d with the results in another order: the rule's maths should not depend on it "
                    + "(override orderIndependent() if it does)", r).containsExactly(a, within(orderTolerance()));
        }
    }

    @Test
    void neitherTheGlobalModelNorAnyDeltaIsModified() {
        Strategy strategy = newStrategy();
        float[] global = initialGlobal();
        for (int r = 1; r <= 3; r++) {
            List<ClientResult> results = results(r);
            float[] globalBefore = global.clone();
            List<float[]> deltasBefore = results.stream().map(c -> c.delta().clone()).toList();
            List<float[]> controlsBefore = results.stream().map(c -> c.controlDelta().orElseThrow().clone()).toList();
            float[] next = params(strategy, r, global, results);
            assertThat(global).as("round %d modified the global array it was given", r).containsExactly(globalBefore);
            for (int k = 0; k < results.size(); k++) {
                assertThat(results.get(k).delta()).as("round %d modified the delta of client %d", r,
                        results.get(k).clientId()).containsExactly(deltasBefore.get(k));
                assertThat(results.get(k).controlDelta().orElseThrow()).as("round %d modified the control-variate change "
                        + "of client %d", r, results.get(k).clientId()).containsExactly(controlsBefore.get(k));
            }
            global = next;
        }
    }

    @Test
    void aRoundWithoutResultsIsSkippedWithAReasonAndLeavesTheStateAlone() {
        Strategy strategy = newStrategy();
        float[] w1 = params(strategy, 1, initialGlobal(), results(1));
        Map<String, float[]> before = strategy.state();
        RoundOutcome outcome = strategy.aggregate(2, w1, List.of(), failures(2));
        assertThat(outcome).as("a round with no results must be skipped, never aggregated or null")
                .isInstanceOf(RoundOutcome.Skipped.class);
        assertThat(((RoundOutcome.Skipped) outcome).reason()).as("the skip reason written to metrics.csv").isNotBlank();
        assertSameState(strategy.state(), before, "the state after a skipped round");
    }

    @Test
    void failuresListedAlongsideTheResultsDoNotChangeTheOutcome() {
        Strategy without = newStrategy();
        Strategy with = newStrategy();
        float[] a = initialGlobal();
        float[] b = initialGlobal();
        for (int r = 1; r <= 3; r++) {
            RoundOutcome plain = without.aggregate(r, a, results(r), List.of());
            RoundOutcome withFailures = with.aggregate(r, b, results(r), failures(r));
            assertThat(plain).as("round %d without failures", r).isInstanceOf(RoundOutcome.Aggregated.class);
            assertThat(withFailures).as("round %d with failures listed", r).isInstanceOf(RoundOutcome.Aggregated.class);
            a = ((RoundOutcome.Aggregated) plain).params();
            b = ((RoundOutcome.Aggregated) withFailures).params();
            assertThat(b).as("round %d: failed clients sent no update, so they must not move the model", r)
                    .containsExactly(a);
            assertThat(((RoundOutcome.Aggregated) withFailures).metrics()).as("round %d metrics with failures", r)
                    .isEqualTo(((RoundOutcome.Aggregated) plain).metrics());
        }
    }

    @Test
    void aRestoredFreshInstanceContinuesBitIdentically() {
        Strategy original = newStrategy();
        float[] global = initialGlobal();
        for (int r = 1; r <= 2; r++) {
            global = params(original, r, global, results(r));
        }
        Map<String, float[]> saved = original.state();
        Strategy resumed = newStrategy();
        resumed.restore(saved);
        saved.values().forEach(v -> v[0] = 1e6f); // state() and restore() must work on copies
        original.state().values().forEach(v -> v[0] = -1e6f);

        float[] a = global;
        float[] b = global.clone();
        for (int r = 3; r <= 4; r++) {
            a = params(original, r, a, results(r));
            b = params(resumed, r, b, results(r));
            assertThat(b).as("round %d of an instance restored from state() after round 2", r).containsExactly(a);
            assertSameState(resumed.state(), original.state(), "the restored instance's state after round " + r);
        }
    }

    @Test
    void restoringAnEmptyStateStartsAfresh() {
        Strategy used = newStrategy();
        params(used, 1, initialGlobal(), results(2));
        used.restore(Map.of());
        assertThat(params(used, 1, initialGlobal(), results(1))).as("a strategy reset by restore(Map.of())")
                .containsExactly(params(newStrategy(), 1, initialGlobal(), results(1)));
    }

    /** The global model the contract's first round starts from. */
    protected final float[] initialGlobal() {
        Rng rng = Rng.derive(SEED, "global");
        float[] global = new float[DIMENSION];
        for (int i = 0; i < global.length; i++) {
            global[i] = (float) rng.nextUniform(-1, 1);
        }
        return global;
    }

    /** Round {@code r}'s results: small random deltas from distinct clients, in ascending client id. */
    protected final List<ClientResult> results(int r) {
        Rng rng = Rng.derive(SEED, "results", r);
        int[] ids = rng.sampleWithoutReplacement(CLIENT_IDS + minimumClients(), minimumClients());
        List<ClientResult> results = new ArrayList<>();
        for (int id : ids) {
            float[] delta = new float[DIMENSION];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = (float) rng.nextGaussian(0, 0.1);
            }
            // as clients report them: samples, mean local loss, local steps, the loss at the global model, and
            // (which only SCAFFOLD reads) the change of the client's control variate
            int samples = 1 + rng.nextInt(50);
            double loss = rng.nextUniform(0.1, 2);
            int steps = 1 + rng.nextInt(20);
            double globalLoss = rng.nextUniform(0.5, 3);
            float[] controlDelta = new float[DIMENSION];
            for (int i = 0; i < controlDelta.length; i++) {
                controlDelta[i] = (float) rng.nextGaussian(0, 0.1);
            }
            results.add(new ClientResult(id, delta, samples, loss, steps, globalLoss, Optional.of(controlDelta)));
        }
        return List.copyOf(results);
    }

    /** Round {@code r}'s failures: clients that were sampled but sent nothing, one of each kind. */
    private List<ClientFailure> failures(int r) {
        int first = CLIENT_IDS + minimumClients() + 10 * r;
        return List.of(new ClientFailure(first, ClientFailure.Kind.FAILED, "local training diverged"),
                new ClientFailure(first + 1, ClientFailure.Kind.TIMED_OUT, "no reply before the deadline"),
                new ClientFailure(first + 2, ClientFailure.Kind.STOPPED, "actor stopped"));
    }

    private static float[] params(Strategy strategy, int round, float[] global, List<ClientResult> results) {
        RoundOutcome outcome = strategy.aggregate(round, global, results, List.of());
        assertThat(outcome).as("round %d of %d results from %s should aggregate (raise minimumClients() if the rule "
                + "needs more)", round, results.size(), strategy.name()).isInstanceOf(RoundOutcome.Aggregated.class);
        return ((RoundOutcome.Aggregated) outcome).params();
    }

    private static void assertSameState(Map<String, float[]> actual, Map<String, float[]> expected, String what) {
        assertThat(actual.keySet()).as("%s: names", what).isEqualTo(expected.keySet());
        expected.forEach((name, values) -> assertThat(actual.get(name)).as("%s: %s", what, name).containsExactly(values));
    }
}
