package io.fedsim.coordinator;

/**
 * What happened in one round, as the coordinator records it. Test figures are NaN in rounds that were
 * not evaluated; {@code skipReason} is null unless the strategy produced no new model.
 *
 * @param trainLoss        clients' mean local training loss, weighted by their sample counts
 * @param roundWallSeconds wall-clock time of this round
 * @param wallSeconds      wall-clock time since the run started
 */
public record RoundRecord(int round, int clientsSampled, int clientsCompleted, int clientsFailed,
                          double trainLoss, boolean evaluated, double testLoss, double testAccuracy,
                          String skipReason, double roundWallSeconds, double wallSeconds) {
}
