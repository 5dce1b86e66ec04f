package io.fedsim.coordinator;

import io.fedsim.client.ClientActor;
import io.fedsim.client.attack.LittleIsEnough;
import io.fedsim.client.uplink.WireFormat;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.Kernels;
import io.fedsim.coordinator.strategy.RoundResults;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the server does with a round's messages before the strategy sees them: decodes each client's uplink
 * message into the dense update, rejects updates that are not finite ({@link UpdateValidator}), applies the
 * colluding attackers' "a little is enough" when the run simulates it, and counts the round's traffic.
 *
 * <p>A round's messages go through a {@link Collector} as they arrive, so decoding and validating overlap the
 * other clients' training, and each message's bytes become garbage at once. When the strategy averages the
 * updates, the collector also folds each update into the weighted sum, in ascending client id: an update that
 * arrives before a lower id is settled waits (clients are asked in id order, so few do).
 *
 * <p>Metrics it adds: {@code bytes_up} (the encoded length of every message kept), {@code bytes_down}
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
     * Opens a round's collector.
     *
     * @param asked      the clients asked to train, ascending
     * @param paramCount the model's parameter count P
     * @param sumMean    fold the updates into their weighted mean as they arrive; only when every accepted update
     *                   is aggregated (no over-selection), so that the sum holds exactly the strategy's results
     */
    public Collector open(int[] asked, int paramCount, boolean sumMean) {
        return new Collector(asked, paramCount, sumMean && !littleIsEnough);
    }

    /**
     * The whole intake of a round at once: every update collected, all kept.
     *
     * @param cohort     the sampled client ids
     * @param paramCount the model's parameter count P
     * @param updates    the round's updates in ascending client id
     */
    public Received receive(int[] cohort, int paramCount, List<ClientActor.Update> updates) {
        Collector collector = open(updates.stream().mapToInt(ClientActor.Update::clientId).toArray(), paramCount, false);
        updates.forEach(collector::accept);
        Collected collected = collector.finish();
        return receive(cohort, paramCount, collected, collected.replied());
    }

    /**
     * The round's results for the strategy from what was collected, keeping only the updates of {@code kept}
     * (over-selection discards the slowest; their messages are not counted).
     *
     * @param cohort the sampled client ids
     */
    public Received receive(int[] cohort, int paramCount, Collected collected, Set<Integer> kept) {
        // every message that arrived is kept unless over-selection discarded the slowest
        boolean all = kept.containsAll(collected.replied());
        List<ClientResult> results = all ? collected.results()
                : collected.results().stream().filter(r -> kept.contains(r.clientId())).toList();
        List<ClientFailure> rejected = all ? collected.rejected()
                : collected.rejected().stream().filter(f -> kept.contains(f.clientId())).toList();
        long bytesUp = 0;
        for (var e : collected.bytesUp().entrySet()) {
            bytesUp += all || kept.contains(e.getKey()) ? e.getValue() : 0;
        }
        List<ClientResult> forStrategy = results;
        if (littleIsEnough) {
            forStrategy = colluded(results);
        } else if (collected.summed().isPresent() && results.size() == collected.results().size()) {
            forStrategy = RoundResults.summed(results, collected.summed().get());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("bytes_up", (double) bytesUp);
        metrics.put("bytes_down", (double) (cohort.length * WireFormat.denseBytes(paramCount)));
        metrics.put("updates_rejected", (double) rejected.size());
        metrics.put("attackers_in_cohort", (double) Arrays.stream(cohort).filter(id -> attacker[id]).count());
        return new Received(forStrategy, rejected, metrics);
    }

    /**
     * What a round's collector took in: accepted results and rejected updates in ascending client id, the bytes
     * each replying client sent, and the weighted sum of the accepted deltas when it was asked for.
     */
    public record Collected(List<ClientResult> results, List<ClientFailure> rejected, Map<Integer, Long> bytesUp,
                            Optional<Kernels.WeightedSum> summed) {
        /** The clients whose message arrived, accepted or rejected. */
        public Set<Integer> replied() {
            return bytesUp.keySet();
        }
    }

    /**
     * One round's intake, fed one message at a time by the coordinator as the replies arrive (through its
     * {@code RoundReplies}, which owns it until {@link #finish}).
     */
    public static final class Collector {
        private final int[] asked;
        private final int paramCount;
        private final Kernels.WeightedSum sum;
        private final Map<Integer, ClientResult> accepted = new TreeMap<>();
        private final Map<Integer, ClientFailure> rejected = new TreeMap<>();
        private final Map<Integer, Long> bytes = new TreeMap<>();
        private final boolean[] settled;
        private int next;

        private Collector(int[] asked, int paramCount, boolean sumMean) {
            this.asked = asked.clone();
            Arrays.sort(this.asked);
            this.paramCount = paramCount;
            this.sum = sumMean ? new Kernels.WeightedSum(paramCount) : null;
            this.settled = new boolean[this.asked.length];
        }

        /** Decodes, validates and (when summing) folds in one client's message. */
        public void accept(ClientActor.Update u) {
            int id = u.clientId();
            bytes.merge(id, (long) u.uplink().length, Long::sum);
            float[] delta;
            try {
                delta = WireFormat.decode(u.uplink());
            } catch (RuntimeException e) {
                reject(id, "undecodable message: " + e.getMessage());
                return;
            }
            var problem = UpdateValidator.problem(delta, paramCount);
            if (problem.isPresent()) {
                reject(id, problem.get());
                return;
            }
            var r = u.result();
            // SCAFFOLD's delta_c travels beside the update, dense and uncompressed: counted as such
            bytes.merge(id, r.controlDelta().map(c -> WireFormat.denseBytes(c.length)).orElse(0L), Long::sum);
            accepted.put(id, new ClientResult(id, delta, r.numSamples(), r.meanLoss(), r.steps(), r.globalLoss(),
                    r.controlDelta()));
            settle(id);
        }

        /** A client of the round that will send nothing (failed, stopped or timed out). */
        public void missing(int clientId) {
            settle(clientId);
        }

        private void reject(int id, String reason) {
            rejected.put(id, new ClientFailure(id, ClientFailure.Kind.REJECTED, reason));
            settle(id);
        }

        /** Marks a client settled and folds every accepted update that no lower id holds up any more. */
        private void settle(int clientId) {
            int at = Arrays.binarySearch(asked, clientId);
            if (at < 0) {
                return;
            }
            settled[at] = true;
            while (next < asked.length && settled[next]) {
                foldIn(asked[next++]);
            }
        }

        private void foldIn(int id) {
            ClientResult r = accepted.get(id);
            if (sum != null && r != null) {
                sum.add(r.delta(), r.numSamples());
            }
        }

        /** The round is over: whoever has not replied never will. */
        public Collected finish() {
            while (next < asked.length) {
                foldIn(asked[next++]);
            }
            return new Collected(List.copyOf(accepted.values()), List.copyOf(rejected.values()), Map.copyOf(bytes),
                    Optional.ofNullable(sum));
        }
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
