package io.fedsim.coordinator.time;

/**
 * Simulated time of one client's round, computed, never slept: it downloads the model, processes its
 * samples, uploads its update, and pays its latency once:
 * {@code latency + downloadBytes / downBandwidth + samplesProcessed / speed + uploadBytes / upBandwidth}.
 */
public final class ClientTiming {
    /** Bytes of a dense update's header (round, client id, sample count, steps, loss) besides its floats. */
    public static final long HEADER_BYTES = 32;

    private ClientTiming() {
    }

    /** A dense float32 vector of {@code parameters} values with its header. */
    public static long denseBytes(int parameters) {
        return 4L * parameters + HEADER_BYTES;
    }

    /** Seconds from the round's start until the client's update has arrived. */
    public static double seconds(ClientProfile p, long downloadBytes, long uploadBytes, long samplesProcessed) {
        return p.latency() + downloadBytes / p.downBandwidth() + samplesProcessed / p.speed()
                + uploadBytes / p.upBandwidth();
    }

    /**
     * The whole local epochs over {@code shardSize} samples that fit before {@code deadline}, at most
     * {@code maxEpochs}; 0 when not even one does (or the transfers alone miss it).
     */
    public static int epochsWithin(ClientProfile p, long downloadBytes, long uploadBytes, int shardSize,
                                   int maxEpochs, double deadline) {
        if (shardSize == 0) {
            return seconds(p, downloadBytes, uploadBytes, 0) <= deadline ? maxEpochs : 0;
        }
        double budget = deadline - seconds(p, downloadBytes, uploadBytes, 0);
        int epochs = (int) Math.max(0, Math.min(maxEpochs, Math.floor(budget * p.speed() / shardSize)));
        // the division above may round across an integer; the seconds() check is the definition
        while (epochs > 0 && seconds(p, downloadBytes, uploadBytes, (long) epochs * shardSize) > deadline) {
            epochs--;
        }
        while (epochs < maxEpochs && seconds(p, downloadBytes, uploadBytes, (long) (epochs + 1) * shardSize) <= deadline) {
            epochs++;
        }
        return epochs;
    }
}
