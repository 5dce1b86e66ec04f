package io.fedsim.simulation.cluster.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of parameter-carrying messages that one node serialised for the wire and read from it, kept by its
 * {@link ParameterSerializer}. The coordinator node reads "down" (the global model it sends, to train or to
 * evaluate) from {@link #trainSent()} and "up" (the replies it receives) from {@link #replyReceived()}. Payload bytes only:
 * Artery's own envelope headers are not counted.
 */
public final class WireCounters {
    private final AtomicLong trainSent = new AtomicLong();
    private final AtomicLong trainReceived = new AtomicLong();
    private final AtomicLong replySent = new AtomicLong();
    private final AtomicLong replyReceived = new AtomicLong();

    void countSent(boolean train, int bytes) {
        (train ? trainSent : replySent).addAndGet(bytes);
    }

    void countReceived(boolean train, int bytes) {
        (train ? trainReceived : replyReceived).addAndGet(bytes);
    }

    public long trainSent() {
        return trainSent.get();
    }

    public long trainReceived() {
        return trainReceived.get();
    }

    public long replySent() {
        return replySent.get();
    }

    public long replyReceived() {
        return replyReceived.get();
    }
}
