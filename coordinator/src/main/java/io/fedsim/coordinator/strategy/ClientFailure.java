package io.fedsim.coordinator.strategy;

/** A sampled client that produced no update in a round, and why. */
public record ClientFailure(int clientId, Kind kind, String reason) {

    /** How a client missed the round. */
    public enum Kind {
        /** It replied that its training failed. */
        FAILED,
        /** It did not reply before the round's deadline. */
        TIMED_OUT,
        /** It stopped (crashed or was stopped) before replying. */
        STOPPED,
        /** It was offline when sampled, or dropped out mid-round (simulated availability), or its cluster node was unreachable. */
        DROPPED,
        /** It could not finish before the round's simulated deadline. */
        STRAGGLED,
        /** Its update arrived but the server rejected it before aggregation (NaN, infinity, wrong length). */
        REJECTED
    }
}
