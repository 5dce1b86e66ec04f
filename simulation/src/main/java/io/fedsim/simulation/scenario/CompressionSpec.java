package io.fedsim.simulation.scenario;

import io.fedsim.client.uplink.Compression;
import java.util.Objects;

/**
 * Uplink compression of client updates.
 *
 * @param topkFraction  topk: the fraction of coordinates each update sends
 * @param errorFeedback topk: whether each client keeps what it did not send and adds it to its next update
 */
public record CompressionSpec(Compression.Uplink uplink, double topkFraction, boolean errorFeedback) {
    public CompressionSpec {
        Objects.requireNonNull(uplink, "uplink");
        new Checks().inUnitInterval("compression.topk-fraction", topkFraction).done();
    }

    public Compression compression() {
        return new Compression(uplink, topkFraction, errorFeedback);
    }
}
