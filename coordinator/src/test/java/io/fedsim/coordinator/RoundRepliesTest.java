package io.fedsim.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fedsim.client.ClientActor;
import io.fedsim.client.TrainResult;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import org.junit.jupiter.api.Test;

class RoundRepliesTest {

    @Test
    void repliesInReverseOrderComeBackSortedByClientId() {
        RoundReplies round = open(4, 9, 2, 5);

        assertThat(round.reply(update(9, 4))).isTrue();
        assertThat(round.reply(update(5, 4))).isTrue();
        assertThat(round.complete()).isFalse();
        assertThat(round.pending()).containsExactly(2);
        assertThat(round.reply(update(2, 4))).isTrue();

        assertThat(round.complete()).isTrue();
        RoundReplies.Result result = round.finish();
        assertThat(result.round()).isEqualTo(4);
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(2, 5, 9);
        assertThat(result.collected().results().get(1).delta()).containsExactly(5f, 5f, 5f);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aClientThatFailsIsRecordedAsFailedWithItsReason() {
        RoundReplies round = open(1, 1, 3);

        round.reply(new ClientActor.Failed(3, 1, "out of memory"));
        round.reply(update(1, 1));

        RoundReplies.Result result = round.finish();
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(1);
        assertThat(result.failures()).containsExactly(new ClientFailure(3, ClientFailure.Kind.FAILED, "out of memory"));
    }

    @Test
    void aClientReportedUnreachableIsRecordedAsDroppedAndTheRoundDoesNotWaitForIt() {
        RoundReplies round = open(7, 2, 6);

        round.reply(new ClientActor.Unreachable(6, 7, "its client node is unreachable"));
        round.reply(update(2, 7));

        assertThat(round.complete()).isTrue();
        RoundReplies.Result result = round.finish();
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(2);
        assertThat(result.failures()).containsExactly(
                new ClientFailure(6, ClientFailure.Kind.DROPPED, "its client node is unreachable"));
    }

    @Test
    void atTheDeadlineEveryClientStillPendingTimesOut() {
        RoundReplies round = open(2, 0, 1, 2, 3);

        round.reply(update(0, 2));
        round.reply(update(2, 2));
        round.deadline();

        assertThat(round.complete()).isTrue();
        RoundReplies.Result result = round.finish();
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(0, 2);
        assertThat(result.failures()).extracting(ClientFailure::clientId, ClientFailure::kind)
                .containsExactly(tuple(1, ClientFailure.Kind.TIMED_OUT), tuple(3, ClientFailure.Kind.TIMED_OUT));
    }

    @Test
    void aClientThatStopsBeforeReplyingIsRecordedAsStoppedAndOneThatStopsAfterStillCounts() {
        RoundReplies round = open(3, 4, 7);

        round.reply(update(7, 3));
        assertThat(round.stopped(7)).isFalse();
        assertThat(round.stopped(4)).isTrue();

        RoundReplies.Result result = round.finish();
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(7);
        assertThat(result.failures()).extracting(ClientFailure::clientId, ClientFailure::kind)
                .containsExactly(tuple(4, ClientFailure.Kind.STOPPED));
    }

    @Test
    void staleDuplicateAndUnaskedRepliesAreIgnored() {
        RoundReplies round = open(6, 0, 1);

        assertThat(round.reply(new ClientActor.Failed(0, 6, "first"))).isTrue();
        assertThat(round.reply(update(0, 6))).isFalse();
        assertThat(round.reply(update(1, 5))).isFalse();
        assertThat(round.reply(update(8, 6))).isFalse();
        assertThat(round.complete()).isFalse();
        assertThat(round.reply(update(1, 6))).isTrue();

        RoundReplies.Result result = round.finish();
        assertThat(result.collected().results()).extracting(ClientResult::clientId).containsExactly(1);
        assertThat(result.failures()).extracting(ClientFailure::reason).containsExactly("first");
    }

    @Test
    void anEmptyCohortIsCompleteAtOnceAndARoundStillWaitingCannotBeFinished() {
        assertThat(open(1).complete()).isTrue();
        assertThat(open(1).finish().collected().results()).isEmpty();

        RoundReplies waiting = open(5, 3);
        assertThatThrownBy(waiting::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("[3]");
    }

    private static RoundReplies open(int round, int... cohort) {
        return new RoundReplies(round, cohort, UpdateIntake.honest(10).open(cohort, 3, true));
    }

    /** An update whose delta is filled with the client id, so that it can be told apart. */
    private static ClientActor.Update update(int clientId, int round) {
        return new ClientActor.Update(clientId, round, new TrainResult(new float[] {clientId, clientId, clientId},
                1, 0.5, 1));
    }
}
