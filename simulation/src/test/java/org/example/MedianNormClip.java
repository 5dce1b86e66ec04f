package org.example;

import io.fedsim.coordinator.strategy.ClientFailure;
import io.fedsim.coordinator.strategy.ClientResult;
import io.fedsim.coordinator.strategy.Kernels;
import io.fedsim.coordinator.strategy.RoundOutcome;
import io.fedsim.coordinator.strategy.Strategy;
import io.fedsim.coordinator.strategy.StrategyParameters;
import io.fedsim.coordinator.strategy.StrategyProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** FedAvg with each update clipped to the round's median update norm: no client moves the model far alone. */
public record MedianNormClip(double serverLearningRate) implements Strategy {
    public MedianNormClip {
        if (!(serverLearningRate > 0)) {
            throw new IllegalArgumentException("server learning rate must be > 0, was " + serverLearningRate);
        }
    }

    @Override
    public String name() {
        return "median-norm-clip";
    }

    @Override
    public RoundOutcome aggregate(int round, float[] global, List<ClientResult> results, List<ClientFailure> failures) {
        if (results.isEmpty()) {
            return new RoundOutcome.Skipped("no client reported (" + failures.size() + " failed)");
        }
        double[] norms = results.stream().mapToDouble(r -> norm(r.delta())).toArray();
        double bound = Arrays.stream(norms).sorted().toArray()[(norms.length - 1) / 2];
        double total = results.stream().mapToDouble(ClientResult::numSamples).sum();
        float[] sum = new float[global.length];   // one accumulator, never K copies; deltas are read only
        int clipped = 0;
        for (int k = 0; k < results.size(); k++) {
            clipped += norms[k] > bound ? 1 : 0;
            double weight = results.get(k).numSamples() / total * (norms[k] > bound ? bound / norms[k] : 1);
            Kernels.addScaled(sum, results.get(k).delta(), (float) weight);
        }
        float[] next = Kernels.plusScaled(global, sum, (float) serverLearningRate);   // a new array: global untouched
        return new RoundOutcome.Aggregated(next, Map.of("clip_bound", bound, "clipped_clients", (double) clipped));
    }

    private static double norm(float[] v) {
        return Math.sqrt(IntStream.range(0, v.length).mapToDouble(i -> (double) v[i] * v[i]).sum());
    }

    /** Registers the strategy by name; listed in META-INF/services/io.fedsim.coordinator.strategy.StrategyProvider. */
    public static final class Provider extends StrategyProvider.Base {
        public Provider() {
            super("median-norm-clip", "FedAvg with every update clipped to the round's median update norm",
                    List.of(StrategyParameters.SERVER_LEARNING_RATE), List.of("clip_bound", "clipped_clients"),
                    p -> new MedianNormClip(p.serverLearningRate()));
        }
    }
}
