package io.fedsim.coordinator;

import io.fedsim.coordinator.evaluation.ClientEvaluation;
import java.util.List;

/** Receives the coordinator's records as the run goes: result sinks, progress displays. */
public interface RunListener {

    /** Called once per round, in order, after aggregation and evaluation. */
    void onRound(RoundRecord record);

    /**
     * Called after a federated evaluation, just before {@link #onRound} of the same round, with one entry
     * per client that answered, in ascending client id.
     */
    default void onClientEvaluations(int round, List<ClientEvaluation> evaluations) {
    }
}
