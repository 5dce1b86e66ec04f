package io.fedsim.coordinator;

import io.fedsim.client.ClientActor;
import io.fedsim.client.attack.LittleIsEnough;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the server does with a round's messages before the strategy sees them: decodes each client's uplink
 * message into the dense update, rejects updates that are not finite ({@link UpdateValidator}), applies the
 * colluding attackers' "a little is enough" when the run simulates it, and counts the round's traffic.
 *
 * <p>Metrics it adds: {@code bytes_up} (the encoded length of every message received), {@code bytes_down}
 * (one dense model message, header + 4P bytes, per sampled client), {@code updates_rejected} and
 * {@code attackers_in_cohort} (sampled clients of the attacker set).
 */
public final class UpdateIntake {
    public static final List<String> METRICS = List.of("bytes_up", "bytes_down", "updates_rejected", "attackers_in_cohort");

    private final boolean[] attacker;
    private final boolean littleIsEnough;
    private final OptionalDouble z;

    /**
     * @param attackers      the run's Byzantine clients (ascending ids)
     * @param littleIsEnough whether they collude as in Baruch et al. 2019 (server-side; other attacks act on the client)
     * @param z              little-is-enough's z; empty: z_max from the cohort
     */
    public UpdateIntake(int population, int[] attackers, boolean littleIsEnough, OptionalDouble z) {
        this.attacker = new boolean[population];
        for (int id : attackers) {
            attacker[id] = true;
        }
        this.littleIsEnough = littleIsEnough;
        this.z = z;
    }

    /** No attackers. */
    public static UpdateIntake honest(int population) {
        return new UpdateIntake(population, new int[0], false, OptionalDouble.empty());
    }

    /** A round's updates ready for the strategy, the rejected ones as failures, and the round's traffic figures. */
    public record Received(List<ClientResult> results, List<ClientFailure> rejected, Map<String, Double> metrics) {
    }

    /**
     * @param cohort     the sampled client ids
     * @param paramCount the model's parameter count P
     * @param updates    the round's updates in ascending client id
     */
    public Received receive(int[] cohort, int paramCount, List<ClientActor.Update> updates) {
        List<ClientResult> results = new ArrayList<>(updates.size());
        List<ClientFailure> rejected = new ArrayList<>();
        long bytesUp = 0;
        for (ClientActor.Update u : updates) {
            bytesUp += u.uplink().length;
            float[] delta;
            try {
                delta = WireFormat.decode(u.uplink());
            } catch (RuntimeException e) {
                rejected.add(new ClientFailure(u.clientId(), ClientFailure.Kind.REJECTED, "undecodable message: " + e.getMessage()));
                continue;
            }
            var problem = UpdateValidator.problem(delta, paramCount);
            if (problem.isPresent()) {
                rejected.add(new ClientFailure(u.clientId(), ClientFailure.Kind.REJECTED, problem.get()));
                continue;
            }
            var r = u.result();
            // SCAFFOLD's delta_c travels beside the update, dense and uncompressed: counted as such
            bytesUp += r.controlDelta().map(c -> WireFormat.denseBytes(c.length)).orElse(0L);
            results.add(new ClientResult(u.clientId(), delta, r.numSamples(), r.meanLoss(), r.steps(), r.globalLoss(),
                    r.controlDelta()));
        }
        if (littleIsEnough) {
            results = colluded(results);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("bytes_up", (double) bytesUp);
        metrics.put("bytes_down", (double) (cohort.length * WireFormat.denseBytes(paramCount)));
        metrics.put("updates_rejected", (double) rejected.size());
        metrics.put("attackers_in_cohort", (double) Arrays.stream(cohort).filter(id -> attacker[id]).count());
        return new Received(results, rejected, metrics);
    }

    /** Every attacker's update replaced by mean - z * std of the attackers' own honest updates this round. */
    private List<ClientResult> colluded(List<ClientResult> results) {
        List<float[]> honest = results.stream().filter(r -> attacker[r.clientId()]).map(ClientResult::delta).toList();
        if (honest.isEmpty()) {
            return results;
        }
        double zUsed = z.orElseGet(() -> LittleIsEnough.zMax(results.size(), honest.size()));
        float[] crafted = LittleIsEnough.craft(honest, zUsed);
        return results.stream().map(r -> attacker[r.clientId()]
                ? new ClientResult(r.clientId(), crafted.clone(), r.numSamples(), r.trainLoss(), r.steps(), r.globalLoss(),
                        r.controlDelta())
                : r).toList();
    }
}
