package io.fedsim.coordinator.async;

import io.fedsim.client.TrainingPlan;
import io.fedsim.coordinator.time.RoundConditions;
import java.util.OptionalDouble;

/**
 * How an asynchronous (FedBuff) federation runs.
 *
 * @param serverUpdates  stop after this many server updates (each one a metrics row)
 * @param bufferSize     K: arrivals per server update
 * @param concurrency    clients training at once
 * @param evalEvery      evaluate every this many server updates, and after the last
 * @param conditions     the device profiles and shard sizes the simulated clock runs on
 */
public record AsyncSettings(int serverUpdates, long seed, int bufferSize, int concurrency, double serverLearningRate,
                            int evalEvery, OptionalDouble targetAccuracy, TrainingPlan plan,
                            RoundConditions conditions) {
    public AsyncSettings {
        if (serverUpdates < 1 || bufferSize < 1 || concurrency < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("server updates, buffer size, concurrency and evalEvery must be >= 1");
        }
        if (!conditions.simulatesTime()) {
            throw new IllegalArgumentException("asynchronous FL runs on the simulated clock: it needs device profiles");
        }
    }
}
