package io.fedsim.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall-clock accounting of local training, for benchmarks: the clients of a run add how long each local training
 * took and how many samples it processed, and the span from the first start to the last finish since the meter
 * was last drained. Reading it between rounds (after every reply of a round has arrived, which orders the writes
 * before the read) gives one round's training span; the rest of the round is the framework's overhead. A run
 * without a benchmark uses {@link #NONE}, which records nothing.
 */
public class TrainingMeter {
    /** Records nothing. */
    public static final TrainingMeter NONE = new TrainingMeter() {
        @Override
        public void record(long startNanos, long endNanos, long samples) {
        }
    };

    private final LongAdder trainNanos = new LongAdder();
    private final LongAdder samples = new LongAdder();
    private final LongAccumulator firstStart = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastEnd = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicLong trainings = new AtomicLong();

    /** One local training, from {@code startNanos} to {@code endNanos} on {@link System#nanoTime()}'s clock. */
    public void record(long startNanos, long endNanos, long processed) {
        trainNanos.add(endNanos - startNanos);
        samples.add(processed);
        firstStart.accumulate(startNanos);
        lastEnd.accumulate(endNanos);
        trainings.incrementAndGet();
    }

    /** What was recorded since the last drain, and a fresh start. */
    public synchronized Reading drain() {
        long start = firstStart.getThenReset();
        long end = lastEnd.getThenReset();
        return new Reading(trainings.getAndSet(0), samples.sumThenReset(), trainNanos.sumThenReset(),
                trainingsSpan(start, end), start);
    }

    private static long trainingsSpan(long start, long end) {
        return end >= start ? end - start : 0;
    }

    /**
     * @param trainings  local trainings finished
     * @param samples    samples they processed (epochs times shard size, summed)
     * @param trainNanos the sum of their wall times (across threads, so up to threads x the span)
     * @param spanNanos  from the first training's start to the last one's finish
     * @param firstStartNanos the first training's start on {@link System#nanoTime()}'s clock ({@code Long.MAX_VALUE}
     *                   when nothing trained)
     */
    public record Reading(long trainings, long samples, long trainNanos, long spanNanos, long firstStartNanos) {
    }
}
