package io.fedsim.coordinator.time;

import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.core.rng.Rng;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One round under {@link RoundConditions}, decided before any client trains and closed after the replies.
 *
 * <p>Planning, per sampled client in id order: offline (one draw from (seed, "offline", round, id) against
 * its availability times 1 - offline-probability) or dropped out mid-round (seed, "dropout", round, id):
 * both {@code DROPPED}, never asked to train. Then its simulated time for the full plan; past the deadline it
 * straggles: under {@code DROP} it is not asked to train (the server would ignore what came after the
 * deadline); under {@code PARTIAL} it trains the whole epochs that fit, or straggles if not even one does.
 *
 * <p>Closing: updates are ranked by simulated finish time (ties by client id) and the first {@code target}
 * kept; over-selected clients beyond them are discarded unrecorded. The round closes at the last kept finish
 * when {@code target} results came, else at the deadline (the server waited for the missing ones), else at
 * the last kept finish. Kept updates go to the strategy in client-id order.
 */
public final class SimulatedRound {
    private final RoundConditions conditions;
    private final int target;
    private final Map<Integer, TrainingPlan> plans = new TreeMap<>();
    private final Map<Integer, Double> finish = new TreeMap<>();
    private final List<ClientFailure> missed = new ArrayList<>();
    private int partial;

    private SimulatedRound(RoundConditions conditions, int target) {
        this.conditions = conditions;
        this.target = target;
    }

    /**
     * @param sampled ascending ids drawn for the round (over-selected when the conditions say so)
     * @param target  how many results the round wants (the cohort size before over-selection)
     */
    public static SimulatedRound plan(RoundConditions c, long seed, int round, int[] sampled, int target,
                                      TrainingPlan plan, RoundConditions.Stragglers rule) {
        SimulatedRound r = new SimulatedRound(c, target);
        for (int id : sampled) {
            double availability = c.simulatesTime() ? c.profiles().get(id).availability() : 1.0;
            if (Rng.derive(seed, "offline", round, id).nextDouble() >= availability * (1 - c.offlineProbability())) {
                r.missed.add(new ClientFailure(id, ClientFailure.Kind.DROPPED, "offline when sampled"));
            } else if (c.dropoutProbability() > 0 && Rng.derive(seed, "dropout", round, id).nextDouble() < c.dropoutProbability()) {
                r.missed.add(new ClientFailure(id, ClientFailure.Kind.DROPPED, "dropped out mid-round"));
            } else if (!c.simulatesTime()) {
                r.plans.put(id, plan);
                r.finish.put(id, 0.0);
            } else {
                r.planTimed(id, plan, rule);
            }
        }
        return r;
    }

    private void planTimed(int id, TrainingPlan plan, RoundConditions.Stragglers rule) {
        ClientProfile p = conditions.profiles().get(id);
        int n = conditions.shardSizes().get(id);
        long down = conditions.modelBytes();
        long up = conditions.updateBytes();
        double full = ClientTiming.seconds(p, down, up, (long) plan.epochs() * n);
        if (conditions.deadline().isEmpty() || full <= conditions.deadline().getAsDouble()) {
            plans.put(id, plan);
            finish.put(id, full);
            return;
        }
        double deadline = conditions.deadline().getAsDouble();
        int epochs = rule == RoundConditions.Stragglers.PARTIAL
                ? ClientTiming.epochsWithin(p, down, up, n, plan.epochs(), deadline) : 0;
        if (epochs == 0) {
            missed.add(new ClientFailure(id, ClientFailure.Kind.STRAGGLED, String.format(java.util.Locale.ROOT,
                    "needs %.3f simulated seconds, the deadline is %s", full, deadline)));
            return;
        }
        partial++;
        plans.put(id, plan.withEpochs(epochs));
        finish.put(id, ClientTiming.seconds(p, down, up, (long) epochs * n));
    }

    /** What each client asked to train is told, by id. */
    public Map<Integer, TrainingPlan> plans() {
        return java.util.Collections.unmodifiableMap(plans);
    }

    /** The simulated finish time of a client asked to train. */
    public double finishSeconds(int clientId) {
        return finish.get(clientId);
    }

    /**
     * The round's end, from what the asked clients replied: the ids whose update arrived (accepted by the server
     * or not), and failures such as crashes.
     */
    public Closed close(Collection<Integer> replied, List<ClientFailure> failures) {
        List<Integer> kept = new ArrayList<>(replied);
        if (kept.size() > target) { // over-selection: the first `target` to finish
            kept.sort(Comparator.<Integer>comparingDouble(finish::get).thenComparingInt(Integer::intValue));
            kept = kept.subList(0, target);
        }
        double lastKept = 0;
        for (int id : kept) {
            lastKept = Math.max(lastKept, finish.get(id));
        }
        double closes = kept.size() < target && conditions.deadline().isPresent()
                ? conditions.deadline().getAsDouble() : lastKept;
        List<ClientFailure> all = new ArrayList<>(failures);
        all.addAll(missed);
        all.sort(Comparator.comparingInt(ClientFailure::clientId));
        // a client reported unreachable (its cluster node died) dropped out, like a simulated drop-out
        int unreachable = count(failures, ClientFailure.Kind.DROPPED);
        int dropped = count(missed, ClientFailure.Kind.DROPPED) + unreachable;
        int straggled = count(missed, ClientFailure.Kind.STRAGGLED) + partial;
        return new Closed(new TreeSet<>(kept), List.copyOf(all), failures.size() - unreachable, dropped, straggled,
                conditions.simulatesTime() ? closes : Double.NaN);
    }

    private static int count(List<ClientFailure> failures, ClientFailure.Kind kind) {
        int n = 0;
        for (ClientFailure f : failures) {
            n += f.kind() == kind ? 1 : 0;
        }
        return n;
    }

    /**
     * A closed round.
     *
     * @param kept       the clients whose updates the round keeps, in ascending id
     * @param failures   every sampled client without a kept update, except discarded over-selected ones, by id
     * @param failed     clients that failed, crashed or timed out (wall clock) after being asked to train
     * @param dropped    clients offline when sampled, dropped out mid-round, or unreachable when asked
     * @param straggled  clients that could not finish the full plan by the deadline: those that sent partial
     *                   work (and so are also among the kept) and those that sent nothing
     * @param simSeconds simulated seconds from the round's start to its close; NaN without simulated time
     */
    public record Closed(SortedSet<Integer> kept, List<ClientFailure> failures, int failed, int dropped,
                         int straggled, double simSeconds) {
    }
}
