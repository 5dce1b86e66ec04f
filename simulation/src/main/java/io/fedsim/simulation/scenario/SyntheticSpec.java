package io.fedsim.simulation.scenario;

/**
 * FedProx's Synthetic(alpha, beta): alpha controls how much local models differ, beta how much local
 * data differ; iid draws every device from one distribution. Synthetic(0, 0) is a standard setting.
 */
public record SyntheticSpec(double alpha, double beta, boolean iid) {
    public SyntheticSpec {
        new Checks()
                .nonNegative("data.synthetic.alpha", alpha)
                .nonNegative("data.synthetic.beta", beta)
                .done();
    }
}
