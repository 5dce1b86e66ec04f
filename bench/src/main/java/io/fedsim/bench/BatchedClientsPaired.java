package io.fedsim.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * {@link BatchedClientsBench}'s comparisons as paired measurements, for a machine shared with other work: each
 * pair (per-client against batched) runs in alternating short slices in one JVM, so that load which comes and
 * goes hits both sides alike, and the figure is the median over slices of the batched/per-client time ratio.
 * The per-client side is how a training thread runs (one client's steps back to back, k = 1); the batched side
 * trains k clients together. Run with {@code bash bench/paired-batched-clients [rounds]}.
 */
public final class BatchedClientsPaired {
    private static final long SLICE_NANOS = 150_000_000L;
    /** Where each slice's results go, so that the JIT cannot drop the work that produced them. */
    private static volatile double sink;

    private BatchedClientsPaired() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        BatchedClientsBench single = state(1);
        System.out.println("pair k per_client_us batched_us ratio_median ratio_q1 ratio_q3 (per client-step or product; "
                + rounds + " slice pairs of " + SLICE_NANOS / 1_000_000 + " ms)");
        compare("gemmSplitK", 1, () -> {
            single.gemmPerClient();
            return 0;
        }, () -> {
            single.gemmSplitK();
            return 0;
        }, rounds);
        for (int k : new int[] {1, 2, 4, 8}) {
            BatchedClientsBench many = state(k);
            compare("interleaved", k, single::perClient, many::interleaved, rounds);
            compare("sharedFirstStep", k, single::perClientFirstStep, many::sharedFirstStep, rounds);
            compare("gemmBatchedOp", k, () -> {
                many.gemmPerClient();
                return 0;
            }, () -> {
                many.gemmBatchedOp();
                return 0;
            }, rounds);
        }
    }

    private static BatchedClientsBench state(int k) {
        BatchedClientsBench b = new BatchedClientsBench();
        b.k = k;
        b.setUp();
        return b;
    }

    private static void compare(String name, int k, DoubleSupplier perClient, DoubleSupplier batched, int rounds) {
        slice(perClient);
        slice(batched);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // alternate which side goes first, so that neither always follows the other
            double x;
            double y;
            if (r % 2 == 0) {
                x = slice(perClient);
                y = slice(batched);
            } else {
                y = slice(batched);
                x = slice(perClient);
            }
            a.add(x);
            b.add(y);
            ratios[r] = y / x;
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%s %d %.1f %.1f %.3f %.3f %.3f%n", name, k, median(a), median(b),
                ratios[rounds / 2], ratios[rounds / 4], ratios[(3 * rounds) / 4]);
    }

    /** Microseconds per client-step (each call does {@link BatchedClientsBench#OPS}) over one slice. */
    private static double slice(DoubleSupplier op) {
        double sum = 0;
        long calls = 0;
        long start = System.nanoTime();
        long now;
        do {
            sum += op.getAsDouble();
            calls++;
            now = System.nanoTime();
        } while (now - start < SLICE_NANOS);
        sink = sum;
        return (now - start) / 1e3 / (calls * BatchedClientsBench.OPS);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }
}
