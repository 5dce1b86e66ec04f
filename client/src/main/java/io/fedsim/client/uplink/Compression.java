package io.fedsim.client.uplink;

import java.util.Objects;

/**
 * How clients compress their updates before sending them.
 *
 * @param uplink        none (dense float32), q8 / q4 (stochastic quantisation) or topk (sparsification)
 * @param topkFraction  topk: the fraction of coordinates sent
 * @param errorFeedback topk: keep what was not sent on the client and add it to the next update
 */
public record Compression(Uplink uplink, double topkFraction, boolean errorFeedback) {

    public enum Uplink { NONE, Q8, Q4, TOPK }

    /** Uncompressed: dense float32. */
    public static final Compression NONE = new Compression(Uplink.NONE, 1, false);

    public Compression {
        Objects.requireNonNull(uplink, "uplink");
        if (!(topkFraction > 0 && topkFraction <= 1)) {
            throw new IllegalArgumentException("top-k fraction must be in (0, 1], was " + topkFraction);
        }
    }
}
