package io.fedsim.coordinator;

import java.util.Map;

/**
 * What happened in one round, as the coordinator records it. Test figures are NaN in rounds that were
 * not evaluated; {@code skipReason} is null unless the strategy produced no new model.
 *
 * @param trainLoss        clients' mean local training loss, weighted by their sample counts
 * @param roundWallSeconds wall-clock time of this round
 * @param wallSeconds      wall-clock time since the run started
 * @param extra            further figures by name, in a stable order: the strategy's metrics, and
 *                         {@code epsilon} when the run is differentially private
 */
public record RoundRecord(int round, int clientsSampled, int clientsCompleted, int clientsFailed,
                          double trainLoss, boolean evaluated, double testLoss, double testAccuracy,
                          String skipReason, double roundWallSeconds, double wallSeconds, Map<String, Double> extra) {
    public RoundRecord {
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** The same record with {@code more} figures added after the existing ones in {@link #extra()}. */
    public RoundRecord withExtra(Map<String, Double> more) {
        Map<String, Double> all = new java.util.LinkedHashMap<>(extra);
        all.putAll(more);
        return new RoundRecord(round, clientsSampled, clientsCompleted, clientsFailed, trainLoss, evaluated, testLoss,
                testAccuracy, skipReason, roundWallSeconds, wallSeconds, all);
    }
}
