package io.fedsim.coordinator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.core.rng.Rng;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedRoundTest {
    private static final TrainingPlan PLAN = new TrainingPlan(4, 8, 0.1f);
    private static final long BYTES = 512;

    /** Transfers and latency take 2 s for every device; an epoch of 32 samples takes 32 / speed seconds. */
    private static ClientProfile speed(double samplesPerSecond) {
        return new ClientProfile(samplesPerSecond, 512, 1024, 0.5, 1);
    }

    private static RoundConditions conditions(List<ClientProfile> profiles, OptionalDouble deadline,
                                              RoundConditions.Stragglers rule, double overSelection) {
        return new RoundConditions(profiles, profiles.stream().map(p -> 32).toList(), BYTES, BYTES, deadline,
                Optional.of(rule), overSelection, 0, 0, 0);
    }

    @Test
    void aStragglerKeepsTheWholeEpochsItFinishesByTheDeadline() {
        // speeds 64, 32, 16, 8: 4 epochs take 2, 4, 8, 16 s of work; the deadline leaves 5 s for work
        RoundConditions c = conditions(List.of(speed(64), speed(32), speed(16), speed(8)), OptionalDouble.of(7),
                RoundConditions.Stragglers.PARTIAL, 0);
        SimulatedRound round = SimulatedRound.plan(c, 1, 1, new int[] {0, 1, 2, 3}, 4, PLAN, c.stragglerRule(false));

        // client 2's epochs take 2 s each: 2 fit; client 3's take 4 s: 1 fits
        assertThat(round.plans()).containsOnlyKeys(0, 1, 2, 3);
        assertThat(round.plans().values()).extracting(TrainingPlan::epochs).containsExactly(4, 4, 2, 1);
        assertThat(round.finishSeconds(0)).isEqualTo(4.0);
        assertThat(round.finishSeconds(1)).isEqualTo(6.0);
        assertThat(round.finishSeconds(2)).isEqualTo(6.0);
        assertThat(round.finishSeconds(3)).isEqualTo(6.0);
        SimulatedRound.Closed closed = round.close(List.of(3, 0, 2, 1), List.of());
        assertThat(closed.kept()).containsExactly(0, 1, 2, 3);
        assertThat(closed.straggled()).isEqualTo(2); // clients 2 and 3 straggled, and their partial work counts
        assertThat(closed.simSeconds()).isEqualTo(6.0);
    }

    @Test
    void underDropAStragglerIsNotAskedAndTheRoundClosesAtTheDeadline() {
        RoundConditions c = conditions(List.of(speed(64), speed(32), speed(16), speed(4)), OptionalDouble.of(7),
                RoundConditions.Stragglers.DROP, 0);
        SimulatedRound round = SimulatedRound.plan(c, 1, 1, new int[] {0, 1, 2, 3}, 4, PLAN, c.stragglerRule(true));

        assertThat(round.plans()).containsOnlyKeys(0, 1);
        SimulatedRound.Closed closed = round.close(List.of(1, 0), List.of());
        assertThat(closed.kept()).containsExactly(0, 1);
        assertThat(closed.failures()).extracting(ClientFailure::clientId, ClientFailure::kind)
                .containsExactly(tuple(2, ClientFailure.Kind.STRAGGLED), tuple(3, ClientFailure.Kind.STRAGGLED));
        assertThat(closed.straggled()).isEqualTo(2);
        assertThat(closed.simSeconds()).isEqualTo(7.0); // the server waited for the two it never heard from
    }

    @Test
    void partialWorkNeedsAtLeastOneEpoch() {
        // speed 4: an epoch takes 8 s, more than the 5 s left
        RoundConditions c = conditions(List.of(speed(64), speed(4)), OptionalDouble.of(7), RoundConditions.Stragglers.PARTIAL, 0);
        SimulatedRound round = SimulatedRound.plan(c, 1, 1, new int[] {0, 1}, 2, PLAN, RoundConditions.Stragglers.PARTIAL);
        assertThat(round.plans()).containsOnlyKeys(0);
        SimulatedRound.Closed closed = round.close(List.of(0), List.of());
        assertThat(closed.straggled()).isEqualTo(1);
        assertThat(closed.failures()).extracting(ClientFailure::kind).containsExactly(ClientFailure.Kind.STRAGGLED);
    }

    @Test
    void overSelectionKeepsTheFirstToFinishWithTiesByClientId() {
        // finishes: client 0 at 18 s, 1 and 2 at 4 s (a tie), 3 at 6 s, 4 at 10 s; two are wanted
        RoundConditions c = conditions(List.of(speed(8), speed(64), speed(64), speed(32), speed(16)),
                OptionalDouble.empty(), RoundConditions.Stragglers.DROP, 1.5);
        SimulatedRound round = SimulatedRound.plan(c, 1, 1, new int[] {0, 1, 2, 3, 4}, 2, PLAN, RoundConditions.Stragglers.DROP);
        SimulatedRound.Closed closed = round.close(List.of(4, 3, 2, 1, 0), List.of());
        assertThat(closed.kept()).containsExactly(1, 2);
        assertThat(closed.simSeconds()).isEqualTo(4.0);

        // if client 2 crashes, the next to finish (client 3) takes its place
        SimulatedRound.Closed withCrash = round.close(List.of(4, 3, 1, 0),
                List.of(new ClientFailure(2, ClientFailure.Kind.FAILED, "crashed")));
        assertThat(withCrash.kept()).containsExactly(1, 3);
        assertThat(withCrash.failed()).isEqualTo(1);
        assertThat(withCrash.simSeconds()).isEqualTo(6.0);
    }

    @Test
    void aClientDroppedWhileAskedCountsAsDroppedNotFailed() {
        SimulatedRound round = SimulatedRound.plan(RoundConditions.NONE, 1, 1, new int[] {0, 1, 2, 3}, 4, PLAN,
                RoundConditions.Stragglers.DROP);
        SimulatedRound.Closed closed = round.close(List.of(0, 3), List.of(
                new ClientFailure(1, ClientFailure.Kind.DROPPED, "its client node is unreachable"),
                new ClientFailure(2, ClientFailure.Kind.TIMED_OUT, "no reply")));
        assertThat(closed.dropped()).isEqualTo(1);
        assertThat(closed.failed()).isEqualTo(1);
        assertThat(closed.failures()).extracting(ClientFailure::clientId).containsExactly(1, 2);
    }

    @Test
    void offlineAndDropoutClientsAreDrawnFromTheSeedAndNeverAsked() {
        int n = 2000;
        RoundConditions c = new RoundConditions(List.of(), List.of(), 0, 0, OptionalDouble.empty(), Optional.empty(),
                0, 0.3, 0.1, 0);
        int[] ids = IntStream.range(0, n).toArray();
        SimulatedRound round = SimulatedRound.plan(c, 9, 3, ids, n, PLAN, RoundConditions.Stragglers.DROP);
        SimulatedRound.Closed closed = round.close(List.of(), List.of());
        long offline = closed.failures().stream().filter(f -> f.reason().startsWith("offline")).count();
        long dropout = closed.failures().stream().filter(f -> f.reason().startsWith("dropped out")).count();
        // expected 600 offline (sd 20.5) and 140 dropped out of the 1400 online (sd 11.2)
        assertThat(offline).isBetween(540L, 660L);
        assertThat(dropout).isBetween(106L, 174L);
        assertThat(closed.dropped()).isEqualTo((int) (offline + dropout));
        assertThat(round.plans()).hasSize(n - closed.dropped());
        assertThat(closed.simSeconds()).isNaN();
        for (int id : round.plans().keySet()) {
            assertThat(Rng.derive(9, "offline", 3, id).nextDouble()).isLessThan(0.7);
        }
        SimulatedRound again = SimulatedRound.plan(c, 9, 3, ids, n, PLAN, RoundConditions.Stragglers.DROP);
        assertThat(again.plans().keySet()).isEqualTo(round.plans().keySet());
    }

    @Test
    void aTracedAvailabilityScalesTheChanceToBeOnline() {
        int n = 2000;
        List<ClientProfile> profiles = IntStream.range(0, n).mapToObj(i -> new ClientProfile(64, 512, 1024, 0.5, 0.5)).toList();
        RoundConditions c = new RoundConditions(profiles, profiles.stream().map(p -> 32).toList(), BYTES, BYTES,
                OptionalDouble.empty(), Optional.empty(), 0, 0.2, 0, 0);
        SimulatedRound round = SimulatedRound.plan(c, 4, 1, IntStream.range(0, n).toArray(), n, PLAN,
                RoundConditions.Stragglers.DROP);
        // online with probability 0.5 * 0.8 = 0.4: expected 800, sd 21.9
        assertThat(round.plans().size()).isBetween(735, 865);
    }
}
