package io.fedsim.simulation.scenario;

/**
 * Federated evaluation: the global model measured on every client's own held-out data, beside the
 * central test set.
 *
 * @param federatedEvery     {@code eval.federated-every}: every this many rounds and after the last; 0 = off
 * @param federatedFraction  {@code eval.federated-fraction}: the fraction of the population evaluated, in (0, 1]
 * @param localTestFraction  {@code data.local-test-fraction}: the part of each client's shard held out as its
 *                           local test split, in (0, 1); used only when federated evaluation is on, so that
 *                           runs without it keep their shards (and results) unchanged
 */
public record EvalSpec(int federatedEvery, double federatedFraction, double localTestFraction) {
    public EvalSpec {
        new Checks().atLeast("eval.federated-every", federatedEvery, 0)
                .inUnitInterval("eval.federated-fraction", federatedFraction)
                .inOpenUnitInterval("data.local-test-fraction", localTestFraction)
                .done();
    }

    public boolean federated() {
        return federatedEvery > 0;
    }
}
