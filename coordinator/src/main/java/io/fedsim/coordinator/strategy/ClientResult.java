package io.fedsim.coordinator.strategy;

/**
 * One client's contribution to a round, as a strategy sees it.
 *
 * @param delta      the client's parameters minus the round's global parameters (read-only)
 * @param numSamples the client's n_k
 * @param trainLoss  its mean local training loss
 */
public record ClientResult(int clientId, float[] delta, int numSamples, double trainLoss) {
}
