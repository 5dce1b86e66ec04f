package io.fedsim.simulation.scenario;

/**
 * When a run saves checkpoints ({@code fedsim resume DIR} continues from the newest).
 *
 * @param every checkpoint after every this many rounds (and always when the run stops)
 * @param keep  how many of the newest checkpoints to keep in {@code checkpoints/}
 */
public record CheckpointSpec(int every, int keep) {
    public CheckpointSpec {
        new Checks().atLeast("checkpoint.every", every, 1).atLeast("checkpoint.keep", keep, 1).done();
    }
}
