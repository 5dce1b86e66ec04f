package io.fedsim.coordinator.checkpoint;

import io.fedsim.coordinator.privacy.PrivacyAccounting;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a run carries from one round to the next, which is what a resumed run needs to continue
 * exactly as if it had never stopped: the global parameters, the strategy's state, the privacy
 * accountant's, every client's persistent state, and the wall-clock time spent. Everything else a round
 * uses is derived from (seed, purpose, round, client) and needs no saving.
 *
 * <p>Section names in the checkpoint file: {@code global}; {@code strategy/NAME}; {@code client/ID/NAME}
 * (clients with an empty state are left out); {@code privacy/rdp} and {@code privacy/participations};
 * {@code run/wall_seconds}, {@code run/sim_seconds}; {@code run/stop_reason} (text, only once the run has stopped for good). Callers may add sections of their own (e.g.
 * {@code metrics/...}) as long as they do not use these prefixes.
 *
 * @param round        the last round included
 * @param stopReason   why the run stopped for good (last round, target reached, budget spent); empty while
 *                     it goes on (a graceful stop on request is not for good: the run resumes)
 * @param clientStates by client id; only clients that hold state
 * @param simSeconds   the simulated clock (0 when the run does not simulate time)
 */
public record RunState(int round, float[] global, Map<String, float[]> strategyState,
                       Optional<PrivacyAccounting.Saved> privacy, SortedMap<Integer, Map<String, float[]>> clientStates,
                       double wallSeconds, double simSeconds, Optional<String> stopReason) {

    private static final String GLOBAL = "global";
    private static final String STRATEGY = "strategy/";
    private static final String CLIENT = "client/";
    private static final String RDP = "privacy/rdp";
    private static final String PARTICIPATIONS = "privacy/participations";
    private static final String WALL = "run/wall_seconds";
    private static final String SIM = "run/sim_seconds";
    private static final String STOP_REASON = "run/stop_reason";

    public RunState {
        java.util.Objects.requireNonNull(stopReason, "stopReason");
        strategyState = Collections.unmodifiableMap(new LinkedHashMap<>(strategyState));
        clientStates = Collections.unmodifiableSortedMap(new TreeMap<>(clientStates));
    }

    /** This state as a checkpoint, with the header fields and any further sections of the caller's. */
    public Checkpoint toCheckpoint(String fedsimVersion, byte[] scenarioSha256, Map<String, long[]> extraLongs) {
        Map<String, float[]> floats = new TreeMap<>();
        Map<String, double[]> doubles = new TreeMap<>();
        Map<String, long[]> longs = new TreeMap<>(extraLongs);
        floats.put(GLOBAL, global);
        strategyState.forEach((name, v) -> floats.put(STRATEGY + name, v));
        clientStates.forEach((id, state) -> state.forEach((name, v) -> floats.put(CLIENT + id + "/" + name, v)));
        privacy.ifPresent(p -> {
            doubles.put(RDP, p.rdp());
            longs.put(PARTICIPATIONS, java.util.Arrays.stream(p.participations()).asLongStream().toArray());
        });
        doubles.put(WALL, new double[] {wallSeconds});
        doubles.put(SIM, new double[] {simSeconds});
        return new Checkpoint(fedsimVersion, round, scenarioSha256, floats, doubles, longs,
                stopReason.map(reason -> Map.of(STOP_REASON, reason)).orElse(Map.of()));
    }

    /** The run state a checkpoint holds. */
    public static RunState of(Checkpoint c) {
        float[] global = c.floats().get(GLOBAL);
        if (global == null || !c.doubles().containsKey(WALL) || !c.doubles().containsKey(SIM)) {
            throw new IllegalArgumentException("the checkpoint lacks the global parameters or the run sections");
        }
        Map<String, float[]> strategy = new LinkedHashMap<>();
        SortedMap<Integer, Map<String, float[]>> clients = new TreeMap<>();
        c.floats().forEach((key, v) -> {
            if (key.startsWith(STRATEGY)) {
                strategy.put(key.substring(STRATEGY.length()), v);
            } else if (key.startsWith(CLIENT)) {
                int slash = key.indexOf('/', CLIENT.length());
                int id = Integer.parseInt(key.substring(CLIENT.length(), slash));
                clients.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(key.substring(slash + 1), v);
            }
        });
        Optional<PrivacyAccounting.Saved> privacy = Optional.ofNullable(c.doubles().get(RDP)).map(rdp ->
                new PrivacyAccounting.Saved(rdp, java.util.Arrays.stream(c.longs().getOrDefault(PARTICIPATIONS, new long[0]))
                        .mapToInt(Math::toIntExact).toArray()));
        return new RunState(c.round(), global, strategy, privacy, clients, c.doubles().get(WALL)[0], c.doubles().get(SIM)[0],
                Optional.ofNullable(c.texts().get(STOP_REASON)));
    }
}
