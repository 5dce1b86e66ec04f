package io.fedsim.simulation.bench;

import io.fedsim.client.TrainingMeter;
import io.fedsim.coordinator.RoundRecord;
import io.fedsim.coordinator.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The figures of {@code fedsim bench}, gathered round by round. A round's cycle runs from one recorded round to the
 * next (so it covers sampling, messages, training, aggregation and writing the metrics); its training span is the
 * meter's, from the first client's start to the last one's finish. Warm-up rounds (the JIT compiling the hot paths)
 * and rounds with a central evaluation (not part of the cycle being measured) are left out.
 *
 * <p>Memory, two ways. The live heap (after a forced full collection) at the end of the warm-up and at the end of the
 * last round, each taken after that round's clock reading so that neither collection falls in a measured cycle: their
 * difference per round is the honest test of flat memory. And, in between, the heap left by the collections the JVM
 * ran by itself, one sample per measured round that had one, fitted by least squares: a trend without forcing anything,
 * but after a young collection the old generation still holds the garbage promoted since the last full one.
 */
public final class BenchFigures implements RunListener {
    private static final double MB = 1048576.0;
    private final TrainingMeter meter;
    private final int warmupRounds;
    private final List<Cycle> cycles = new ArrayList<>();
    private final LongSupplier clock;
    private final long createdNanos;
    private long lastNanos;
    private double startupSeconds = Double.NaN;
    private final HeapGauge heap;
    private final int lastRound;
    private final List<double[]> heapAfterGc = new ArrayList<>();
    private int liveStartRound;
    private long liveStartBytes = -1;
    private long liveEndBytes = -1;
    private int fullGcsBefore = -1;
    private int fullGcs;

    /** One measured round. */
    record Cycle(long wallNanos, long spanNanos, long samples) {
    }

    /** @param lastRound the run's last round, after which the live heap is read a second time */
    public BenchFigures(TrainingMeter meter, int warmupRounds, int lastRound, HeapGauge heap) {
        this(meter, warmupRounds, lastRound, heap, System::nanoTime);
    }

    /** @param clock nanoseconds on the clock the meter's readings use */
    BenchFigures(TrainingMeter meter, int warmupRounds, int lastRound, HeapGauge heap, LongSupplier clock) {
        this.meter = meter;
        this.warmupRounds = warmupRounds;
        this.lastRound = lastRound;
        this.heap = heap;
        this.clock = clock;
        this.createdNanos = clock.getAsLong();
        this.lastNanos = createdNanos;
    }

    @Override
    public void onRound(RoundRecord r) {
        long now = clock.getAsLong();
        TrainingMeter.Reading reading = meter.drain();
        if (Double.isNaN(startupSeconds) && reading.trainings() > 0) {
            startupSeconds = (reading.firstStartNanos() - createdNanos) / 1e9;
            // the run's first cycle starts with its first training, not with the start-up before it
            lastNanos = Math.max(lastNanos, reading.firstStartNanos());
        }
        if (r.round() > warmupRounds && !r.evaluated()) {
            cycles.add(new Cycle(now - lastNanos, reading.spanNanos(), reading.samples()));
        }
        long afterGc = heap.afterLatestGc();
        if (r.round() > liveStartRound && liveStartRound > 0 && afterGc >= 0) {
            heapAfterGc.add(new double[] {r.round(), afterGc});
        }
        if (r.round() == liveStartRound || liveStartRound == 0 && r.round() == Math.max(1, warmupRounds)) {
            liveStartRound = r.round();
            liveStartBytes = heap.live();
            fullGcsBefore = heap.fullGcs();
        } else if (r.round() == lastRound) {
            fullGcs = heap.fullGcs() - fullGcsBefore;
            liveEndBytes = heap.live();
        }
        // a forced collection above is not part of the next cycle
        lastNanos = liveStartRound == r.round() || r.round() == lastRound ? clock.getAsLong() : now;
    }

    /** From this object's creation (made before the run starts) to the first local training's start. */
    public double startupSeconds() {
        return startupSeconds;
    }

    public int measuredRounds() {
        return cycles.size();
    }

    /** Samples trained per second of whole rounds. */
    public double samplesPerSecond() {
        return seconds(cycles.stream().mapToLong(Cycle::samples).sum(), cycles.stream().mapToLong(Cycle::wallNanos).sum());
    }

    /**
     * Samples trained per second of local training alone: per round, from the first client's start to the last
     * one's finish. This is what the hand-written peers (../shared/peers) report, which time only their training
     * loop; {@link #samplesPerSecond} also pays for everything else in the round.
     */
    public double trainingSamplesPerSecond() {
        return seconds(cycles.stream().mapToLong(Cycle::samples).sum(), cycles.stream().mapToLong(Cycle::spanNanos).sum());
    }

    public double roundsPerSecond() {
        return seconds(cycles.size(), cycles.stream().mapToLong(Cycle::wallNanos).sum());
    }

    /** The mean of (round cycle - training span) in milliseconds: what the framework adds around local training. */
    public double overheadMillisPerRound() {
        return cycles.stream().mapToLong(c -> Math.max(0, c.wallNanos() - c.spanNanos())).average().orElse(Double.NaN) / 1e6;
    }

    /** The live heap in MB at the end of the warm-up (or of round 1 without one); NaN if it could not be read. */
    public double liveHeapStartMb() {
        return mb(liveStartBytes);
    }

    /** The live heap in MB at the end of the last round; NaN if the run stopped early or it could not be read. */
    public double liveHeapEndMb() {
        return mb(liveEndBytes);
    }

    /** (live heap at the end - at the start) / rounds between them, in MB per round. */
    public double liveHeapMbPerRound() {
        return lastRound > liveStartRound ? (liveHeapEndMb() - liveHeapStartMb()) / (lastRound - liveStartRound) : Double.NaN;
    }

    /** Rounds after the first live reading that ended after at least one collection the JVM ran by itself. */
    public int heapAfterGcSamples() {
        return heapAfterGc.size();
    }

    /** The first and last of those samples, in MB. */
    public double heapAfterGcFirstMb() {
        return heapAfterGc.isEmpty() ? Double.NaN : heapAfterGc.get(0)[1] / MB;
    }

    public double heapAfterGcLastMb() {
        return heapAfterGc.isEmpty() ? Double.NaN : heapAfterGc.get(heapAfterGc.size() - 1)[1] / MB;
    }

    /** The least-squares slope of those samples against their round, in MB per round; NaN under two rounds. */
    public double heapAfterGcMbPerRound() {
        return slope(heapAfterGc) / MB;
    }

    /** Full collections the JVM ran by itself between the two live readings. */
    public int fullGcs() {
        return fullGcs;
    }

    /** Least-squares slope of y on x over the points {x, y}; NaN when the x do not vary. */
    static double slope(List<double[]> points) {
        double n = points.size();
        double mx = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private static double mb(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / MB;
    }

    private static double seconds(double count, long nanos) {
        return nanos == 0 ? Double.NaN : count / (nanos / 1e9);
    }

    /** {@code key=value} pairs separated by spaces, numbers without a locale. */
    static String line(Object... keysAndValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (b.length() > 0) {
                b.append(' ');
            }
            Object v = keysAndValues[i + 1];
            String text = v instanceof Double d ? (Double.isNaN(d) ? "nan" : String.format(Locale.ROOT, "%.2f", d)) : String.valueOf(v);
            b.append(keysAndValues[i]).append('=').append(text);
        }
        return b.toString();
    }
}
