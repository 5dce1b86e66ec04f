package io.fedsim.simulation.scenario;

/**
 * What the scenario loader must know about a registered strategy to check the rules that span the strategy
 * block and the rest of a scenario (the simulation derives it from the strategy's provider).
 *
 * @param takesAggregator           it reads {@code strategy.aggregator} (the server optimisers)
 * @param comparesIndividualUpdates it needs each client's own update, so central DP's one noised average
 *                                  will not do
 * @param keepsClientState          its clients keep state and send a second, unprotected vector (SCAFFOLD), so
 *                                  it runs without DP only
 */
public record StrategyTraits(boolean takesAggregator, boolean comparesIndividualUpdates, boolean keepsClientState) {

    /** A strategy that averages and needs nothing else: every combination is allowed but an aggregator. */
    public static final StrategyTraits AVERAGING = new StrategyTraits(false, false, false);
}
