package io.fedsim.coordinator;

/** Receives the coordinator's records as the run goes: result sinks, progress displays. */
public interface RunListener {

    /** Called once per round, in order, after aggregation and evaluation. */
    void onRound(RoundRecord record);
}
