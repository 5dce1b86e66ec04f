package io.fedsim.simulation.scenario;

import java.util.Objects;

/**
 * How training data is split among clients. Every scheme's parameters are kept (and validated) even when
 * another scheme is chosen, so switching schemes with one override always gives a valid scenario.
 */
public record PartitionSpec(Scheme scheme, double alpha, int minSize, int shardsPerClient, double sigma) {

    public enum Scheme { IID, DIRICHLET, SHARDS, QUANTITY_SKEW, NATURAL }

    public PartitionSpec {
        Objects.requireNonNull(scheme, "scheme");
        new Checks()
                .positive("data.partition.alpha", alpha)
                .atLeast("data.partition.min-size", minSize, 1)
                .atLeast("data.partition.shards-per-client", shardsPerClient, 1)
                .positive("data.partition.sigma", sigma)
                .done();
    }
}
