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
 */
public final class BenchFigures implements RunListener {
    private final TrainingMeter meter;
    private final int warmupRounds;
    private final List<Cycle> cycles = new ArrayList<>();
    private final LongSupplier clock;
    private final long createdNanos;
    private long lastNanos;
    private double startupSeconds = Double.NaN;

    /** One measured round. */
    record Cycle(long wallNanos, long spanNanos, long samples) {
    }

    public BenchFigures(TrainingMeter meter, int warmupRounds) {
        this(meter, warmupRounds, System::nanoTime);
    }

    /** @param clock nanoseconds on the clock the meter's readings use */
    BenchFigures(TrainingMeter meter, int warmupRounds, LongSupplier clock) {
        this.meter = meter;
        this.warmupRounds = warmupRounds;
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
        }
        if (r.round() > warmupRounds && !r.evaluated()) {
            cycles.add(new Cycle(now - lastNanos, reading.spanNanos(), reading.samples()));
        }
        lastNanos = now;
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

    public double roundsPerSecond() {
        return seconds(cycles.size(), cycles.stream().mapToLong(Cycle::wallNanos).sum());
    }

    /** The mean of (round cycle - training span) in milliseconds: what the framework adds around local training. */
    public double overheadMillisPerRound() {
        return cycles.stream().mapToLong(c -> Math.max(0, c.wallNanos() - c.spanNanos())).average().orElse(Double.NaN) / 1e6;
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
